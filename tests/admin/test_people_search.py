"""The admin finds a record by its person's name as the public search does: any spelling,
either script, a typo; one row per record however many spellings match."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def found(client, changelist: str, query: str) -> list:
    response = client.get(reverse(f"admin:{changelist}_changelist"), {"q": query})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


@pytest.fixture
def roza():
    person = factories.PersonFactory(name="Roza Tuletaeva")
    factories.PersonNameFactory(person=person, name="Роза Тулетаева", script="cyrillic")
    return person


@pytest.mark.parametrize("query", ["Тулетаева", "Tuletayeva", "tuletaeva roza", "Tuletaev"])
@pytest.mark.parametrize(
    ("changelist", "build"),
    [
        ("cases_detention", lambda person: factories.DetentionFactory(person=person)),
        ("cases_charge", lambda person: factories.ChargeFactory(defendant=person)),
        ("cases_outcome", lambda person: factories.OutcomeFactory(defendant=person)),
        ("events_involvement", lambda person: factories.InvolvementFactory(person=person)),
        ("people_affiliation", lambda person: factories.AffiliationFactory(person=person)),
        ("people_personname", lambda person: person.names.get()),
    ],
)
def test_a_record_is_found_by_any_spelling_of_its_person(editor, roza, changelist, build, query):
    record = build(roza)
    factories.PersonFactory(name="Aidos Other")
    assert found(editor, changelist, query) == [record]


def test_a_case_with_two_matching_defendants_is_listed_once(editor):
    brothers = [factories.PersonFactory(name=f"{first} Sisenbaev") for first in ("Kanat", "Zhan")]
    case = factories.CaseFactory(defendants=brothers)
    factories.CaseFactory(title="Another case")
    assert found(editor, "cases_case", "Сисенбаев") == [case]


def test_the_other_search_fields_still_match(editor, roza):
    detention = factories.DetentionFactory(person=roza, facility="Colony 158/2")
    assert found(editor, "cases_detention", "Colony") == [detention]


def test_people_shown_by_a_label_are_found_by_it(editor):
    """A group or a person the source does not name has no name to match: its label does."""
    group = factories.GroupFactory(public_label="oil workers sentenced in Aktau")
    unnamed = factories.PersonFactory(name="", anonymity="unnamed", public_label="a driver")
    outcome = factories.OutcomeFactory(defendant=group)
    factories.PersonFactory(name="Aidos Other")
    assert found(editor, "people_person", "sentenced in aktau") == [group]
    assert found(editor, "people_person", "driver") == [unnamed]
    assert found(editor, "cases_outcome", "Aktau") == [outcome]
    autocomplete = editor.get(
        reverse("admin:autocomplete"),
        {"term": "Aktau", "app_label": "cases", "model_name": "outcome", "field_name": "defendant"},
    )
    assert [row["id"] for row in autocomplete.json()["results"]] == [str(group.pk)]
