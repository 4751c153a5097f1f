"""``.public()`` is the one door to the public; these tests prove what it lets through."""

import pytest

from cases.models import Charge, Detention, Hearing, Outcome
from casetracker.models import Citation
from casetracker.publication import Status, Visibility
from events.models import Involvement
from people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db

HIDDEN = [
    {"status": Status.DRAFT},
    {"status": Status.IN_REVIEW},
    {"visibility": Visibility.RESTRICTED},
    {"status": Status.DRAFT, "visibility": Visibility.RESTRICTED},
]


@pytest.mark.parametrize("hidden", HIDDEN)
def test_public_excludes_drafts_reviews_and_restricted(hidden):
    shown = f.PersonFactory()
    f.PersonFactory(**hidden)
    assert list(Person.objects.public()) == [shown]


@pytest.mark.parametrize("hidden", HIDDEN)
def test_records_hang_on_their_parents_visibility(hidden):
    person = f.PersonFactory(**hidden)
    detention = f.DetentionFactory(person=person)
    charge = f.ChargeFactory(defendant=person)
    outcome = f.OutcomeFactory(defendant=person)
    involvement = f.InvolvementFactory(person=person)
    assert detention.is_public  # its own workflow says published; its person hides it
    assert not Detention.objects.public().exists()
    assert not Charge.objects.public().exists()
    assert not Outcome.objects.public().exists()
    assert not Involvement.objects.public().exists()
    # The hearing itself names no hidden record and stays public.
    assert list(Hearing.objects.public()) == [outcome.hearing]
    assert list(Charge.objects.filter(pk=charge.pk)) == [charge]
    assert involvement.incident.is_public


def test_optional_parents_may_be_empty():
    detention = f.DetentionFactory(case=None)
    organisation_role = f.InvolvementFactory(person=None, organization=f.OrganizationFactory())
    assert list(Detention.objects.public()) == [detention]
    assert list(Involvement.objects.public()) == [organisation_role]


def test_a_hidden_case_hides_its_hearings_charges_and_detentions():
    case = f.CaseFactory(status=Status.IN_REVIEW)
    f.HearingFactory(case=case)
    f.ChargeFactory(case=case)
    f.DetentionFactory(case=case)
    assert not Hearing.objects.public().exists()
    assert not Charge.objects.public().exists()
    assert not Detention.objects.public().exists()


@pytest.mark.parametrize("hidden", HIDDEN)
def test_except_via_leaves_out_only_the_relation_the_caller_answers_for(hidden):
    person = f.PersonFactory(**hidden)
    own = f.DetentionFactory(person=person, case=None)
    f.DetentionFactory(person=person, **hidden)
    f.DetentionFactory(person=person, case=f.CaseFactory(**hidden))
    assert list(Detention.objects.public(except_via=("person",))) == [own]
    assert not Detention.objects.public().exists()


def test_citations_of_a_restricted_source_stay_hidden():
    shown = f.CitationFactory()
    f.CitationFactory(source=f.SourceDocumentFactory(visibility=Visibility.RESTRICTED))
    assert list(Citation.objects.public()) == [shown]


def test_publishing_records_when_it_first_happened():
    person = f.PersonFactory(status=Status.DRAFT)
    assert person.published_at is None
    person.status = Status.PUBLISHED
    person.save(update_fields=["status"])
    person.refresh_from_db()
    first = person.published_at
    assert first is not None
    person.save()
    person.refresh_from_db()
    assert person.published_at == first


def test_an_anonymised_person_is_never_named_publicly():
    minor = f.PersonFactory(
        name="Real Name", anonymity=Person.Anonymity.MINOR, public_label="a minor"
    )
    assert minor.public_name == "a minor"
    assert f.PersonFactory(name="Named Person").public_name == "Named Person"
