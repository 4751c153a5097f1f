"""The search page: grouped results, published records only, anonymity kept, any input."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casetracker.publication import Status, Visibility
from people.models import Person
from tests.factories import (
    CaseFactory,
    IncidentFactory,
    OrganizationFactory,
    PersonFactory,
    SourceDocumentFactory,
)

URL = reverse("search")

ODD_INPUT = [
    "",
    " ",
    "x" * 10_240,
    "'\"",
    "%",
    "_",
    "\\",
    "\\%_",
    "'; DROP TABLE people_person; --",
    "1 OR 1=1",
    "Robert'); SELECT pg_sleep(1);--",
    "🙂 Сисенбаев 🙂",
    "Kuanysh Сисенбаев",
    "Жаңаөзен Aktau 2011",
    "a\x00b",
    "<script>alert(1)</script>",
    "\u202e\u200b",
    "& | ! : * ( )",
]


@pytest.mark.parametrize("query", ODD_INPUT)
def test_odd_input_answers_200(world, reader, query):
    assert reader.get(URL, {"q": query}).status_code == 200


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=250))
def test_any_input_answers_200(world, reader, query):
    assert reader.get(URL, {"q": query}).status_code == 200


def test_results_are_grouped_by_kind(world, reader):
    case = CaseFactory(title="Case of the oil workers", defendants=[world.people["sisenbaev"]])
    incident = IncidentFactory(title="Dispersal of the strike", place=world.places["zhanaozen"])
    source = SourceDocumentFactory(title="Report on Zhanaozen", summary="Strikers in Zhanaozen.")
    org = world.organisations["ozenmunaigaz"]
    org.summary = "The oil company in Zhanaozen."
    org.save()

    html = reader.get(URL, {"q": "Жанаозен"}).content.decode()
    assert 'id="incidents"' in html
    assert incident.get_absolute_url() in html  # it happened there
    # Titles and summaries are matched as written: the Latin spelling finds the report.
    assert source.get_absolute_url() in reader.get(URL, {"q": "Zhanaozen"}).content.decode()

    html = reader.get(URL, {"q": "Kuanish Sisenbaev"}).content.decode()
    assert 'id="people"' in html
    assert world.people["sisenbaev"].get_absolute_url() in html
    assert case.get_absolute_url() in html  # he is a defendant

    html = reader.get(URL, {"q": "Ozenminaigaz"}).content.decode()
    assert 'id="organisations"' in html
    assert org.get_absolute_url() in html


def test_full_text_highlights_the_words_found(world, reader):
    CaseFactory(title="Trial of the strikers", summary="A hunger strike & a <closed> trial.")
    html = reader.get(URL, {"q": "hunger"}).content.decode()
    assert "<mark>hunger</mark>" in html
    # Escaped around the marks (PostgreSQL's headline drops what looks like a tag).
    assert "<closed>" not in html


def test_best_name_match_comes_first(world, reader):
    PersonFactory(name="Natalia Sokolovskaya", slug="sokolovskaya")
    response = reader.get(URL, {"q": "Natalia Sokolova"})
    hits = next(group for group in response.context["groups"] if group.kind == "people").hits
    assert hits[0].title == "Natalia Sokolova"


@pytest.mark.parametrize(
    ("status", "visibility"),
    [
        (Status.DRAFT, Visibility.PUBLIC),
        (Status.IN_REVIEW, Visibility.PUBLIC),
        (Status.PUBLISHED, Visibility.RESTRICTED),
    ],
)
def test_unpublished_and_restricted_records_never_show(db, reader, status, visibility):
    hidden = {"status": status, "visibility": visibility}
    PersonFactory(name="Yerzhan Hiddenov", **hidden)
    OrganizationFactory(name="Hiddenov Holding", **hidden)
    CaseFactory(title="Prosecution of Hiddenov", **hidden)
    IncidentFactory(title="Hiddenov walkout", **hidden)
    SourceDocumentFactory(title="Hiddenov bulletin", **hidden)
    response = reader.get(URL, {"q": "Hiddenov"})
    html = response.content.decode()
    for shown in ("Yerzhan", "Holding", "Prosecution", "walkout", "bulletin"):
        assert shown not in html
    assert not any(group.hits for group in response.context["groups"])


def test_cases_are_not_found_through_an_unpublished_defendant(db, reader):
    hidden = PersonFactory(name="Yerzhan Hiddenov", status=Status.DRAFT)
    CaseFactory(title="Case 7", defendants=[hidden])
    response = reader.get(URL, {"q": "Hiddenov"})
    assert not any(group.hits for group in response.context["groups"])


def test_anonymised_person_is_never_found_or_named_by_their_real_name(db, reader):
    PersonFactory(
        name="Aigerim Secretova",
        anonymity=Person.Anonymity.MINOR,
        public_label="a 16-year-old striker",
    )
    by_name = reader.get(URL, {"q": "Secretova"})
    assert not any(group.hits for group in by_name.context["groups"])
    by_label = reader.get(URL, {"q": "16-year-old"}).content.decode()
    assert "a 16-year-old striker" in by_label
    assert "Secretova" not in by_label


def _populate(count: int) -> None:
    for n in range(count):
        person = PersonFactory(name=f"Mangistau Worker{n}", summary="An oil worker in Mangistau.")
        OrganizationFactory(name=f"Mangistau Union {n}", summary="A union in Mangistau.")
        CaseFactory(title=f"Mangistau case {n}", defendants=[person])
        IncidentFactory(title=f"Mangistau strike {n}")
        SourceDocumentFactory(title=f"Mangistau report {n}")


@pytest.mark.parametrize("rows", [3, 30])
def test_query_count_is_fixed(db, reader, django_assert_num_queries, rows):
    _populate(rows)
    # people, their spellings (prefetched, for ranking), organisations, their spellings, cases,
    # incidents, sources.
    with django_assert_num_queries(7):
        response = reader.get(URL, {"q": "Mangistau"})
    groups = {group.kind: len(group.hits) for group in response.context["groups"]}
    assert groups == {kind: min(rows, 20) for kind in groups}


def test_empty_query_runs_no_query(db, reader, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert reader.get(URL).status_code == 200
