"""sitemap.xml and robots.txt: every public page, nothing else, at a flat query count."""

import pytest
from django.urls import reverse

from casetracker.publication import Status, Visibility
from tests import factories as f

pytestmark = pytest.mark.django_db


def section(reader, name: str) -> str:
    response = reader.get(reverse("django.contrib.sitemaps.views.sitemap", args=[name]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_index_names_every_section(reader):
    index = reader.get(reverse("sitemap_index")).content.decode()
    for name in ("lists", "people", "cases", "hearings", "incidents", "sources", "places"):
        assert f"/sitemap-{name}.xml</loc>" in index


def test_a_section_lists_published_records_only(reader):
    shown = f.PersonFactory(slug="kuanysh-sisenbaev")
    drafted = f.PersonFactory(slug="draft-person", status=Status.DRAFT)
    restricted = f.PersonFactory(slug="restricted-person", visibility=Visibility.RESTRICTED)
    case = f.CaseFactory(status=Status.DRAFT)
    hidden_hearing = f.HearingFactory(case=case)
    people = section(reader, "people")
    assert f"{shown.get_absolute_url()}</loc>" in people
    assert drafted.get_absolute_url() not in people
    assert restricted.get_absolute_url() not in people
    assert f"{hidden_hearing.get_absolute_url()}</loc>" not in section(reader, "hearings")


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_at_the_sitemap(reader):
    response = reader.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize("name", ["people", "hearings", "incidents"])
def test_a_sections_query_count_does_not_grow_with_rows(reader, django_assert_num_queries, name):
    def build(rows: int) -> None:
        for _ in range(rows):
            f.OutcomeFactory()  # a person, a case and a hearing
            f.IncidentFactory()

    build(2)
    with django_assert_num_queries(2) as few:  # the count for the pages, then the rows
        section(reader, name)
    build(10)
    with django_assert_num_queries(len(few.captured_queries)):
        section(reader, name)
