"""Every API endpoint answers in a fixed number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from tests.public.conftest import build_person, build_world
from tests.public.test_details import add_many

pytestmark = pytest.mark.django_db


def grow(world, rows: int) -> None:
    """``rows`` of each listed kind: people (with their cases, hearings, incidents,
    organisations), sources and articles; and ``rows`` of the first records' related rows."""
    for index in range(len(world.people), rows):
        build_person(index, world.source, world.place, world.article, world.court)
    for index in range(1, rows):
        f.SourceDocumentFactory()
        f.OrganizationFactory()
        f.PlaceFactory()
        f.LegalArticleFactory(article=f"3{index:02d}", slug=f"a-3{index:02d}")
    add_many(world, rows)


# Each list's budget: the filtered page of rows, then the prefetches the page's selector makes
# (see casetracker.site.*.selectors) and the rows' citations (+ source).
LIST_QUERIES = {
    # people; roles, citations, detentions and their citations, outcomes and their citations
    "person_list": 7,
    # organisations (+ place); citations
    "organization_list": 2,
    # cases; defendants, charges (+ article), citations
    "case_list": 4,
    # hearings (+ case, court); panel (+ judge), outcomes (+ defendant), citations
    "hearing_list": 4,
    # incidents (+ place); counts, citations, the counts' citations
    "incident_list": 4,
    # sources
    "source_list": 1,
    # articles; citations
    "article_list": 2,
    # places (+ parent); citations
    "place_list": 2,
}
DETAIL_QUERIES = {
    # the person page's queries (tests/public/test_details.py) but the hearings of their cases
    "person_detail": 23,
    # the case page's
    "case_detail": 16,
    # the hearing page's
    "hearing_detail": 8,
    # the incident page's
    "incident_detail": 7,
    # source
    "source_detail": 1,
    # article; citations
    "article_detail": 2,
    # the organisation page's
    "organization_detail": 6,
    # place (+ parent); citations
    "place_detail": 2,
}
KEY_OF = {
    "person_detail": ("person", "slug"),
    "case_detail": ("case", "slug"),
    "hearing_detail": ("hearing", "slug"),
    "incident_detail": ("incident", "slug"),
    "source_detail": ("source", "key"),
    "article_detail": ("article", "slug"),
    "organization_detail": ("organization", "slug"),
    "place_detail": ("place", "slug"),
}


def queries_of(reader, url: str) -> list[str]:
    reader.get(url)  # content types are cached once per process, as in production
    with CaptureQueriesContext(connection) as context:
        response = reader.get(url)
        assert response.status_code == 200, response.content[:300]
    return [query["sql"] for query in context.captured_queries]


@pytest.mark.parametrize(("name", "queries"), LIST_QUERIES.items())
def test_a_list_costs_the_same_at_3_and_30_rows(reader, name, queries):
    world = build_world(3)
    url = f"{reverse(f'api:{name}')}?limit=200"
    few = queries_of(reader, url)
    grow(world, 30)
    many = queries_of(reader, url)
    assert len(reader.get(url).json()["results"]) >= 30
    assert (len(few), len(many)) == (queries, queries), "\n".join(q[:150] for q in many)


@pytest.mark.parametrize(("name", "queries"), DETAIL_QUERIES.items())
def test_a_record_costs_the_same_at_3_and_30_related_rows(reader, name, queries):
    world = build_world(3)
    kind, key = KEY_OF[name]
    url = reverse(f"api:{name}", args=[getattr(getattr(world, kind), key)])
    few = queries_of(reader, url)
    grow(world, 30)
    many = queries_of(reader, url)
    assert (len(few), len(many)) == (queries, queries), "\n".join(q[:150] for q in many)
