"""Counts of any kind as bounds: how they read, the deaths filter, the list and its exports."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from casetracker.bounds import Bounds
from tests import factories as f


@pytest.mark.parametrize(
    ("minimum", "maximum", "approximate", "shown"),
    [
        (16, None, False, "at least 16"),
        (30, 30, True, "about 30"),
        (200, 200, True, "about 200"),
        (None, 5000, False, "up to 5,000"),
        (16, 18, False, "16–18"),
        (2500, None, False, "at least 2,500"),  # "over 2,500": the note says "more than"
        (9, 9, False, "9"),
        (0, 0, False, "0"),
        (500, None, True, "at least about 500"),
        (None, 5000, True, "up to about 5,000"),
        (14, 17, True, "about 14–17"),
        (None, None, False, "unknown"),
    ],
)
def test_bounds_read_as_the_source_gave_them(minimum, maximum, approximate, shown):
    assert str(Bounds(minimum, maximum, approximate)) == shown


def test_bounds_group_digits_as_the_language_does():
    with translation.override("ru"):
        assert str(Bounds(None, 5000)) == "до 5\xa0000"
        assert str(Bounds(30, 30, approximate=True)) == "около 30"


counts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**7))


@st.composite
def bounds(draw):
    low, high = draw(counts), draw(counts)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Bounds(low, high, draw(st.booleans()))


@given(bounds())
def test_every_bound_is_shown_and_nothing_invented(value):
    text = str(value)
    stated = [number for number in (value.minimum, value.maximum) if number is not None]
    for number in stated:
        assert f"{number:,}" in text
    # No number the source did not give: the digits shown are the stated bounds', nothing more.
    shown_digits = "".join(ch for ch in text if ch.isdigit())
    assert shown_digits in {"".join(str(n) for n in stated), str(value.minimum)}
    assert ("about" in text) == (value.approximate and value.known)
    assert text.startswith("at least") == (value.maximum is None and value.minimum is not None)
    assert text.startswith("up to") == (value.minimum is None and value.maximum is not None)


@given(bounds(), bounds())
def test_ordering_by_bounds_follows_what_is_known(first, second):
    """A count whose every possible value is below another's sorts first."""
    if first.maximum is not None and second.minimum is not None and first.maximum < second.minimum:
        assert first.sort_key < second.sort_key
    assert (first.sort_key <= second.sort_key) or (second.sort_key <= first.sort_key)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("killed", "with_deaths"),
    [
        ({"minimum": 1}, True),
        ({"minimum": 16, "maximum": 16}, True),
        ({"minimum": 1, "maximum": 1, "approximate": True}, True),
        ({"minimum": 0, "maximum": 0}, False),
        ({"minimum": None, "maximum": 3}, False),  # "up to 3 killed" may be none
        (None, False),  # no death toll reported
    ],
)
def test_with_deaths_goes_by_the_lower_bound_of_the_killed(reader, killed, with_deaths):
    incident = f.IncidentFactory(title="The incident")
    if killed is not None:
        f.IncidentCountFactory(incident=incident, kind="killed", **killed)
    # Other kinds do not count as deaths, however many.
    f.IncidentCountFactory(incident=incident, kind="injured", minimum=64)
    url = reverse("events:incident_list")
    listed = {
        value: [row.title for row in reader.get(url, {"deaths": value}).context["rows"]]
        for value in ("with", "without")
    }
    assert listed == (
        {"with": ["The incident"], "without": []}
        if with_deaths
        else {"with": [], "without": ["The incident"]}
    )


@pytest.mark.django_db
def test_the_list_shows_the_death_toll_as_bounds(reader):
    f.IncidentCountFactory(incident__title="Shooting", kind="killed", minimum=16)
    f.IncidentCountFactory(incident__title="March", kind="participants", minimum=500)
    body = reader.get(reverse("events:incident_list")).content.decode()
    assert "<td>at least 16</td>" in body
    assert "500" not in body  # the list's one count column is the killed


@pytest.mark.django_db
def test_exports_carry_each_kind_as_bounds_and_every_count_as_text(reader):
    incident = f.IncidentFactory(title="Dismissals")
    f.IncidentCountFactory(incident=incident, kind="dismissed", minimum=2500, note="more than")
    f.IncidentCountFactory(
        incident=incident, kind="participants", minimum=30, maximum=30, approximate=True
    )
    f.IncidentCountFactory(incident=incident, kind="other", minimum=3, maximum=3, note="expelled")
    body = b"".join(
        reader.get(reverse("events:incident_export", args=["csv"])).streaming_content
    ).decode()
    [row] = list(csv.DictReader(io.StringIO(body)))
    assert (row["dismissed_min"], row["dismissed_max"], row["dismissed_approximate"]) == (
        "2500",
        "",
        "False",
    )
    assert (row["participants_min"], row["participants_approximate"]) == ("30", "True")
    assert row["killed_min"] == row["killed_approximate"] == ""
    assert row["counts"] == (
        "participants: about 30; dismissed: at least 2,500 (more than); expelled: 3"
    )
    [record] = json.loads(
        b"".join(reader.get(reverse("events:incident_export", args=["json"])).streaming_content)
    )
    assert (record["dismissed_min"], record["dismissed_max"]) == (2500, None)
    assert record["participants_approximate"] is True
    assert record["killed_min"] is None
    assert record["counts"][-1] == "expelled: 3"


@pytest.mark.django_db
def test_an_unpublished_incidents_counts_reach_no_public_query():
    from events.models import IncidentCount

    hidden = f.IncidentCountFactory(incident__status="draft")
    shown = f.IncidentCountFactory()
    assert list(IncidentCount.objects.public()) == [shown]
    assert hidden.incident.counts.exists()
