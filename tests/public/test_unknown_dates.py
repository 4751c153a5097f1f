"""Public pages with hearings, incidents and detentions no source dates: "date not known", last
in every order, left out of a date range and of every month, an empty cell in exports."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation

from cases.models import Detention
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def undated(world):
    """In the world of three: a hearing, an incident and an arrest with no date."""
    hearing = f.HearingFactory(case=world.case, court=world.court, held_on=None)
    f.CitationFactory(record=hearing, source=world.source)
    incident = f.IncidentFactory(title="A protest no one dated", slug="undated", started_on=None)
    detention = f.DetentionFactory(
        person=world.person,
        case=world.case,
        place=world.place,
        kind=Detention.Kind.ADMINISTRATIVE_ARREST,
        started_on=None,
        duration_days=5,
    )
    f.CitationFactory(record=detention, source=world.source)
    return hearing, incident, detention


def body(response) -> str:
    assert response.status_code == 200
    text = response.content.decode()
    assert "None" not in text
    return text


@pytest.mark.parametrize("sort", ["", "date", "-date"])
def test_an_undated_hearing_is_listed_last_whichever_way_it_is_sorted(reader, undated, sort):
    hearing = undated[0]
    params = {"sort": sort} if sort else {}  # an empty one redirects to the address without it
    rows = list(reader.get(reverse("cases:hearing_list"), params).context["rows"])
    assert rows[-1] == hearing
    assert "date not known" in body(reader.get(reverse("cases:hearing_list"), params))


@pytest.mark.parametrize("sort", ["", "date", "-date", "title"])
def test_an_undated_incident_is_listed_by_the_order_asked(reader, undated, sort):
    incident = undated[1]
    params = {"sort": sort} if sort else {}
    rows = list(reader.get(reverse("events:incident_list"), params).context["rows"])
    assert incident in rows
    if sort != "title":
        assert rows[-1] == incident


@pytest.mark.parametrize(
    ("list_name", "params"),
    [
        ("cases:hearing_list", {"held_after": "2011-01-01", "held_before": "2013-01-01"}),
        ("cases:hearing_list", {"held_after": "2011-01-01"}),
        ("events:incident_list", {"started_after": "2011-01-01", "started_before": "2013-01-01"}),
        ("events:incident_list", {"started_before": "2013-01-01"}),
    ],
)
def test_a_date_range_leaves_the_undated_rows_out(reader, undated, list_name, params):
    response = reader.get(reverse(list_name), params)
    rows = list(response.context["rows"])
    assert rows
    assert all(row not in undated for row in rows)


@pytest.mark.parametrize(
    ("export_name", "column"),
    [("cases:hearing_export", "date"), ("events:incident_export", "started")],
)
def test_an_export_has_an_empty_cell_for_an_unknown_date(reader, undated, export_name, column):
    response = reader.get(reverse(export_name, args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[-1][column] == ""
    assert all(row[column] for row in rows[:-1])
    response = reader.get(reverse(export_name, args=["json"]))
    assert json.loads(b"".join(response.streaming_content))[-1][column] is None


def test_detail_pages_say_date_not_known(reader, world, undated):
    hearing, incident, _detention = undated
    assert "date not known" in body(reader.get(hearing.get_absolute_url()))
    assert "date not known" in body(reader.get(incident.get_absolute_url()))
    case_page = body(reader.get(world.case.get_absolute_url()))
    assert case_page.count("date not known") == 2  # the hearing and the arrest, last
    person_page = body(reader.get(world.person.get_absolute_url()))
    assert "date not known" in person_page
    assert "5 days detained" in person_page
    for page in (reverse("home"), world.place.get_absolute_url(), world.court.get_absolute_url()):
        body(reader.get(page))


def test_the_person_page_says_date_not_known_in_russian(reader, world, undated):
    with translation.override("ru"):
        page = body(reader.get(world.person.get_absolute_url(), headers={"accept-language": "ru"}))
    assert "дата неизвестна" in page


def test_the_feed_says_date_not_known(reader, undated):
    feed = reader.get(reverse("casetracker:feed")).content.decode()
    assert "A protest no one dated (date not known)" in feed
    assert "None" not in feed


def test_the_charts_count_undated_records_in_no_month(reader, undated):
    charts = {chart.slug: chart for chart in reader.get(reverse("home")).context["charts"]}
    for slug in ("hearings-per-month", "detentions-per-month"):
        assert charts[slug].unplaced == 1
    assert {bar.label: bar.value for bar in charts["hearings-per-month"].bars} == {"2012-06": 3}


def test_the_status_filter_does_not_place_an_undated_arrest_on_a_day(reader, world):
    person = f.PersonFactory(name="Held Undated", slug="held-undated")
    f.DetentionFactory(person=person, started_on=None, duration_days=5)
    rows = reader.get(reverse("people:person_list"), {"held_on": "2011-06-15"}).context["rows"]
    assert person not in [getattr(row, "person", row) for row in rows]


def test_search_finds_an_undated_incident(reader, undated):
    page = body(reader.get(reverse("search"), {"q": "no one dated"}))
    assert undated[1].get_absolute_url() in page
