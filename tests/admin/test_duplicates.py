"""Duplicate people: warned about before saving, merged by an editor with nothing lost."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from reversion.models import Version

from cases.models import Charge, Detention, Outcome
from casetracker.models import Citation
from events.models import Involvement
from people.merge import MergeError, person_merge
from people.models import Affiliation, Designation, Person, PersonName, PersonRedirect
from tests import factories
from tests.admin.test_workflow import EMPTY_INLINES, PERSON_FORM

ADD_URL = "admin:people_person_add"


@pytest.fixture
def sisenbaev(db):
    person = factories.PersonFactory(name="Kuanysh Sisenbaev", slug="kuanysh-sisenbaev")
    factories.PersonNameFactory(person=person, name="Куаныш Сисенбаев", script="cyrillic")
    return person


def add_person(client, name: str, native_name: str = "", **extra):
    form = {key: value for key, value in PERSON_FORM.items() if key != "not_a_duplicate"}
    data = {**form, **EMPTY_INLINES, "name": name, "native_name": native_name,
            "slug": "new-person", "status": "draft", **extra}  # fmt: skip
    return client.post(reverse(ADD_URL), data)


@pytest.mark.parametrize(
    ("name", "native_name"),
    [
        ("Куаныш Сисенбаев", ""),  # typed in Cyrillic as the display name
        ("K. Sisenbaev", "Куаныш Сисенбаев"),  # a Latin initial, the Cyrillic original
        ("kuanysh  SISENBAEV", ""),  # the same Latin spelling, typed carelessly
    ],
)
def test_adding_a_known_person_shows_the_likely_duplicate_first(
    researcher, sisenbaev, name, native_name
):
    response = add_person(researcher, name, native_name)
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert "Kuanysh Sisenbaev" in errors[0]
    assert reverse("admin:people_person_change", args=[sisenbaev.pk]) in errors[0]
    assert Person.objects.count() == 1


def test_a_spelling_typed_in_the_names_inline_is_checked_too(researcher, sisenbaev):
    inlines = {**EMPTY_INLINES, "names-TOTAL_FORMS": "1", "names-0-name": "Куаныш Сисенбаев",
               "names-0-script": "cyrillic", "names-0-kind": "native"}  # fmt: skip
    response = add_person(researcher, "Someone New", **inlines)
    assert response.status_code == 200
    assert Person.objects.count() == 1


def test_the_researcher_confirms_a_different_person(researcher, sisenbaev):
    response = add_person(researcher, "Куаныш Сисенбаев", not_a_duplicate="on")
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_no_warning_for_a_new_name(researcher, sisenbaev):
    response = add_person(researcher, "Roza Tuletaeva")
    assert response.status_code == 302, response.context["adminform"].form.errors


def _everything_of(person: Person) -> dict[str, object]:
    """One row of each kind that can hang on a person."""
    charge = factories.ChargeFactory(defendant=person)
    outcome = factories.OutcomeFactory(defendant=person)
    detention = factories.DetentionFactory(person=person)
    return {
        "name": factories.PersonNameFactory(person=person, name="Кенжебек Дуйсенов"),
        "affiliation": factories.AffiliationFactory(person=person),
        "designation": factories.DesignationFactory(person=person),
        "charge": charge,
        "charge_event": factories.ChargeEventFactory(charge=charge),
        "detention": detention,
        "outcome": outcome,
        "sentence": factories.SentenceFactory(outcome=outcome),
        "involvement": factories.InvolvementFactory(person=person),
        "citation": factories.CitationFactory(record=person),
        "detention_citation": factories.CitationFactory(record=detention),
        "judged": factories.HearingJudgeFactory(judge=person, presiding=True),
        "redirect": factories.PersonRedirectFactory(person=person),
    }


def test_merge_moves_every_related_row_and_leaves_a_redirect(editor_user):
    keep = factories.PersonFactory(name="Kenzhebek Duysenov", slug="kenzhebek-duysenov")
    duplicate = factories.PersonFactory(
        name="Kenzhebek Duisenov", native_name="Кенжебек Дуйсенов", slug="kenzhebek-duisenov"
    )
    duplicate.roles.add(factories.RoleFactory(slug="oil-worker"))
    rows = _everything_of(duplicate)
    case = rows["charge"].case

    person_merge(keep=keep, duplicate=duplicate, by=editor_user)

    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert set(PersonName.objects.filter(person=keep).values_list("name", flat=True)) == {
        "Кенжебек Дуйсенов",
        "Kenzhebek Duisenov",
    }
    assert Affiliation.objects.get().person == keep
    assert Designation.objects.get().person == keep
    assert Charge.objects.get().defendant == keep
    assert rows["charge_event"].charge.pk == Charge.objects.get().pk
    assert Detention.objects.get().person == keep
    assert Outcome.objects.get(pk=rows["outcome"].pk).defendant == keep
    assert Outcome.objects.get(pk=rows["outcome"].pk).sentence.pk == rows["sentence"].pk
    assert Involvement.objects.get().person == keep
    assert list(case.defendants.all()) == [keep]
    assert list(keep.roles.values_list("slug", flat=True)) == ["oil-worker"]
    person_type = ContentType.objects.get_for_model(Person)
    assert Citation.objects.get(pk=rows["citation"].pk).object_id == keep.pk
    assert Citation.objects.get(pk=rows["citation"].pk).content_type == person_type
    assert Citation.objects.get(pk=rows["detention_citation"].pk).record == rows["detention"]
    rows["judged"].refresh_from_db()
    assert (rows["judged"].judge, rows["judged"].presiding) == (keep, True)
    assert list(rows["judged"].hearing.judges.all()) == [keep]
    assert PersonRedirect.objects.get(old_slug="kenzhebek-duisenov").person == keep
    assert PersonRedirect.objects.get(pk=rows["redirect"].pk).person == keep

    revision = Version.objects.get_for_object(keep).first().revision
    assert revision.user == editor_user
    assert "Merged Kenzhebek Duisenov" in revision.get_comment()


def test_merge_folds_rows_both_people_have(editor_user):
    keep, duplicate = factories.PersonFactory(), factories.PersonFactory()
    article = factories.LegalArticleFactory()
    case = factories.CaseFactory(defendants=[keep, duplicate])
    kept_charge = factories.ChargeFactory(case=case, defendant=keep, article=article)
    their_charge = factories.ChargeFactory(case=case, defendant=duplicate, article=article)
    factories.ChargeEventFactory(charge=their_charge, status="convicted")
    citation = factories.CitationFactory(record=their_charge)
    factories.PersonNameFactory(person=keep, name="Same spelling")
    factories.PersonNameFactory(person=duplicate, name="Same spelling")

    person_merge(keep=keep, duplicate=duplicate, by=editor_user)

    assert list(Charge.objects.all()) == [kept_charge]
    assert list(kept_charge.events.values_list("status", flat=True)) == ["convicted"]
    assert Citation.objects.get(pk=citation.pk).object_id == kept_charge.pk
    assert list(case.defendants.all()) == [keep]
    assert PersonName.objects.filter(name="Same spelling").count() == 1


@pytest.mark.parametrize("duplicate_presides", [True, False])
def test_merge_folds_two_seats_on_one_panel(editor_user, duplicate_presides):
    """Both records of one judge on one panel: one seat is left, presiding if either was."""
    keep, duplicate, other = (factories.PersonFactory() for _ in range(3))
    hearing = factories.HearingFactory()
    kept = factories.HearingJudgeFactory(hearing=hearing, judge=keep)
    factories.HearingJudgeFactory(hearing=hearing, judge=duplicate, presiding=duplicate_presides)
    factories.HearingJudgeFactory(hearing=hearing, judge=other, presiding=not duplicate_presides)

    person_merge(keep=keep, duplicate=duplicate, by=editor_user)

    seats = {seat.judge: seat.presiding for seat in hearing.panel.all()}
    assert seats == {keep: duplicate_presides, other: not duplicate_presides}
    assert hearing.panel.get(judge=keep).pk == kept.pk


def test_a_person_is_not_merged_into_themselves(editor_user):
    person = factories.PersonFactory()
    with pytest.raises(MergeError):
        person_merge(keep=person, duplicate=person, by=editor_user)


def test_editor_merges_from_the_list(editor, researcher):
    keep = factories.PersonFactory(name="Zhanbolat Mamai")
    duplicate = factories.PersonFactory(name="Zhanbolat Mamay")
    changelist = reverse("admin:people_person_changelist")
    selected = {"action": "merge_people", ACTION_CHECKBOX_NAME: [keep.pk, duplicate.pk]}

    confirm = editor.post(changelist, selected)
    assert confirm.status_code == 200
    assert "Zhanbolat Mamay" in confirm.content.decode()

    assert researcher.post(
        changelist, {**selected, "keep": keep.pk, "confirm": "yes"}
    ).status_code in {200, 302}
    assert Person.objects.count() == 2

    response = editor.post(changelist, {**selected, "keep": keep.pk, "confirm": "yes"})
    assert response.status_code == 302
    assert list(Person.objects.all()) == [keep]
    assert PersonRedirect.objects.get().old_slug == duplicate.slug
