"""The admin add forms take any input: a form error or a saved row, never a 500.

A refused form writes no row (counted before and after, inlines included), and whatever a
researcher types, a ``<script>`` included, is escaped on the public pages.
"""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.models import Detention, Hearing, Outcome, Sentence
from casetracker.models import Citation
from people.models import Person, PersonName
from tests import factories
from tests.hostile.strategies import SCRIPT, hostile_settings, hostile_value

pytestmark = pytest.mark.django_db

# Each example posts a whole admin form: fewer examples than the public tests, same values.
admin_settings = settings(hostile_settings, max_examples=15)

CITATIONS = "casetracker-citation-content_type-object_id"
PERSON_INLINES = [
    "names", "affiliations", "designations", "detentions", "charges", "outcomes",
    "involvements", CITATIONS,
]  # fmt: skip


def empty(*prefixes: str) -> dict[str, str]:
    return {
        f"{prefix}-{key}": "0" for prefix in prefixes for key in ("TOTAL_FORMS", "INITIAL_FORMS")
    }


def hostile_fields(names: list[str]) -> st.SearchStrategy[dict[str, object]]:
    """Some of ``names`` replaced by a hostile value, or by a list of them (a repeated field)."""
    value = st.one_of(hostile_value, st.lists(hostile_value, min_size=2, max_size=3))
    return st.dictionaries(st.sampled_from(names), value, min_size=1, max_size=4)


def counts(*models) -> list[int]:
    return [model.objects.count() for model in models]


def post_and_count(client, url, data, models):
    before = counts(*models)
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    after = counts(*models)
    if response.status_code == 200:
        assert after == before, "a refused form wrote a row"
    return response


@admin_settings
@given(values=hostile_fields(["name", "native_name", "slug", "summary", "anonymity",
                              "public_label", "visibility", "status", "roles",
                              f"{CITATIONS}-0-source", f"{CITATIONS}-0-locator",
                              f"{CITATIONS}-0-summary", f"{CITATIONS}-0-confidence",
                              "names-0-name", "names-0-script", "names-TOTAL_FORMS"]))  # fmt: skip
def test_person_with_names_and_citations(editor, values):
    source = factories.SourceDocumentFactory()
    data = {
        "name": "Roza Tuletaeva", "native_name": "", "slug": "", "summary": "",
        "anonymity": "named", "public_label": "", "kind": "individual", "visibility": "public",
        "status": "draft",
        "not_a_duplicate": "on", **empty(*PERSON_INLINES),
        f"{CITATIONS}-TOTAL_FORMS": "1", f"{CITATIONS}-0-source": str(source.pk),
        f"{CITATIONS}-0-locator": "p. 1", f"{CITATIONS}-0-summary": "Named.",
        f"{CITATIONS}-0-confidence": "reported", **values,
    }  # fmt: skip
    post_and_count(editor, reverse("admin:people_person_add"), data, [Person, PersonName, Citation])


@admin_settings
@given(values=hostile_fields(["person", "case", "kind", "started_on", "started_precision",
                              "ended_on", "ended_precision", "facility", "place", "status",
                              "visibility"]))  # fmt: skip
def test_detention(editor, values):
    person = factories.PersonFactory()
    data = {
        "person": person.pk, "kind": Detention.Kind.PRE_TRIAL, "started_on": "2011-12-17",
        "started_precision": "day", "ended_on": "", "ended_precision": "day",
        "status": "draft", "visibility": "public", **empty(CITATIONS), **values,
    }  # fmt: skip
    post_and_count(editor, reverse("admin:cases_detention_add"), data, [Detention, Citation])


@admin_settings
@given(values=hostile_fields(["case", "court", "instance", "held_on", "held_precision",
                              "summary", "status", "outcomes-0-defendant",
                              "outcomes-0-verdict", "outcomes-TOTAL_FORMS"]))  # fmt: skip
def test_hearing_with_outcomes(editor, values):
    charge = factories.ChargeFactory()
    court = factories.CourtFactory()
    data = {
        "case": charge.case.pk, "court": court.pk, "instance": "first",
        "held_on": "2012-06-04", "held_precision": "day", "status": "draft",
        "visibility": "public", **empty(CITATIONS),
        "outcomes-TOTAL_FORMS": "1", "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-defendant": charge.defendant.pk, "outcomes-0-verdict": "convicted",
        **values,
    }  # fmt: skip
    post_and_count(editor, reverse("admin:cases_hearing_add"), data, [Hearing, Outcome])


SENTENCE_FIELDS = [
    "prison_months", "regime", "suspended_months", "probation_months", "fine_amount",
    "fine_currency", "arrest_days", "community_service_hours", "ban", "ban_months",
]  # fmt: skip


@admin_settings
@given(values=hostile_fields(["hearing", "defendant", "verdict", "note",
                              *(f"sentence-0-{name}" for name in SENTENCE_FIELDS)]))  # fmt: skip
def test_outcome_with_sentence(editor, values):
    charge = factories.ChargeFactory()
    hearing = factories.HearingFactory(case=charge.case)
    data = {
        "hearing": hearing.pk, "defendant": charge.defendant.pk, "verdict": "convicted",
        "note": "", **empty(CITATIONS), "sentence-TOTAL_FORMS": "1",
        "sentence-INITIAL_FORMS": "0", "sentence-0-prison_months": "60",
        "sentence-0-regime": "", "sentence-0-ban": "", **values,
    }  # fmt: skip
    post_and_count(editor, reverse("admin:cases_outcome_add"), data, [Outcome, Sentence])


@hostile_settings
@given(payload=st.sampled_from([SCRIPT, '"><img src=x onerror=alert(1)>', "</title>" + SCRIPT]))
def test_a_script_typed_in_the_admin_is_escaped_on_public_pages(editor, reader, payload):
    slug = f"p-{Person.objects.count()}"
    data = {
        "name": f"Roza {payload}", "native_name": payload, "slug": slug, "summary": payload,
        "anonymity": "named", "public_label": payload, "kind": "individual", "visibility": "public",
        "status": "published", "not_a_duplicate": "on", **empty(*PERSON_INLINES),
    }  # fmt: skip
    response = editor.post(reverse("admin:people_person_add"), data)
    assert response.status_code == 302
    person = Person.objects.get(slug=slug)
    for url in (
        person.get_absolute_url(),
        reverse("people:person_list"),
        reverse("search") + "?q=Roza",
    ):
        body = reader.get(url).content.decode()
        assert payload not in body, url
