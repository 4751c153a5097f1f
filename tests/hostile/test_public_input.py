"""Every public filter, the search page and every export take any input without a server error.

The filter parameters are read from the FilterSets themselves, so a new filter is tried too.
A 500 raises in the test client; each body is also checked for a reflected ``<script>``.
"""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from cases.filters import CaseFilter, HearingFilter
from casetracker.filters import SourceFilter
from casetracker.site.people.filters import OrganizationFilter, PersonFilter
from events.filters import IncidentFilter
from tests.hostile.strategies import SCRIPT, hostile_settings, hostile_value, params_for
from tests.public.test_safety import body_of

pytestmark = pytest.mark.django_db

LISTS = [
    ("people:person_list", PersonFilter, "people:person_export"),
    ("people:organization_list", OrganizationFilter, "people:organization_export"),
    ("cases:case_list", CaseFilter, "cases:case_export"),
    ("cases:hearing_list", HearingFilter, "cases:hearing_export"),
    ("events:incident_list", IncidentFilter, "events:incident_export"),
    ("casetracker:source_list", SourceFilter, "casetracker:source_export"),
]


def parameters(filterset) -> list[str]:
    """The query parameters a FilterSet reads, range filters' halves included, and the page."""
    names = ["page"]
    for name, field in filterset().form.fields.items():
        suffixes = getattr(field.widget, "suffixes", None)
        names.extend(f"{name}_{suffix}" for suffix in suffixes) if suffixes else names.append(name)
    return names


def test_every_filter_of_the_lists_is_tried():
    assert "held_after" in parameters(HearingFilter)
    assert {"name", "role", "year", "sort", "page"} <= set(parameters(PersonFilter))


@pytest.mark.parametrize(("list_name", "filterset", "export_name"), LISTS)
@hostile_settings
@given(data=st.data())
def test_lists_and_exports_take_any_filter(world, reader, list_name, filterset, export_name, data):
    params = data.draw(params_for(parameters(filterset)))
    response = reader.get(reverse(list_name), params, follow=True)
    # 400 with the form's errors for a bad filter, 404 for a page that does not exist; empty
    # fields are first dropped from the address by one redirect to the list itself.
    assert response.status_code in (200, 400, 404)
    assert all(url.startswith(reverse(list_name)) for url, _ in response.redirect_chain)
    assert len(response.redirect_chain) <= 1
    assert SCRIPT not in response.content.decode()
    for fmt in ("csv", "json"):
        response = reader.get(reverse(export_name, args=[fmt]), params)
        assert response.status_code in (200, 400, 404)
        body_of(response)  # a streamed export fails only while it is read


@hostile_settings
@given(params=params_for(["q", "page"]))
def test_search_takes_any_query(world, reader, params):
    response = reader.get(reverse("search"), params)
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


@hostile_settings
@given(value=hostile_value)
def test_any_export_format_or_slug_is_an_answer_not_an_error(world, reader, value):
    """Unknown formats and slugs in the path: 404, never 500."""
    part = quote(value[:300], safe="")
    for path in (
        f"/people/export.{part}",
        f"/cases/export.{part}",
        f"/people/{part}/",
        f"/cases/{part}/",
        f"/incidents/{part}/",
        f"/hearings/{part}/",
        f"/sources/{part}/",
        f"/places/{part}/",
        f"/organisations/{part}/",
        f"/articles/{part}/",
    ):
        response = reader.get(path)
        assert response.status_code in (200, 301, 404), path
        if response.status_code == 200:
            assert SCRIPT not in body_of(response)
