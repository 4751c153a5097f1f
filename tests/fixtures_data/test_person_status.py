"""Each fixture person's derived status, certainty and days deprived of liberty, against what the
reports say (tests/fixtures_data/expected_status.py gives the paragraph for each)."""

from datetime import date

import pytest

from cases.status import days_detained, in_status, status_report, with_status
from casetracker.site.people.selectors import person_for_detail
from people.models import Person
from tests.fixtures_data.expected_status import EXPECTED, MENTIONED_ONLY, NOT_DETAINED, Expected

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dataset")]

# What the reports say that the model cannot hold yet. Strict: fixing it turns them red.
CANNOT_HOLD_STATUS: dict[str, str] = {
    "anon-5f02296464": (
        "an arrest no source dates is over, by the rule, five days after the last day of its "
        "first report; KIBHR is dated only to October 2011, so that is 5 November, past the "
        "day the report is read for (the road block in June is context the rule cannot read)"
    ),
    "anon-1ff641167d": (
        "custody at a police station whose end no report states stays open: the rule keeps "
        "it running to the report's day, though the report's later account shows it over"
    ),
    "anon-0fb6f176ed": (
        "an arrest no source dates covers no day by the rule; the 16 December events that "
        "date it are context the rule cannot read"
    ),
}
CANNOT_HOLD_DAYS = {
    "natalia-sokolova": (
        "a report that someone is still held on its date has no record: the least is counted "
        "from the dated detentions only"
    ),
    "anon-1ff641167d": (
        "the open custody of 12 June 2011 is counted to the report's day; the report gives no "
        "length at all"
    ),
    "anon-0fb6f176ed": (
        "an arrest no source dates is counted in full, though the report's day falls inside "
        "it (the 16 December events that bound it are context the rule cannot read)"
    ),
}


def known_gaps(gaps: dict[str, str]) -> list:
    return [
        pytest.param(
            entry,
            id=entry.slug,
            marks=[pytest.mark.xfail(strict=True, reason=gaps[entry.slug])]
            if entry.slug in gaps
            else [],
        )
        for entry in EXPECTED
    ]


def person_on(entry: Expected) -> Person:
    """The person as their page loads them, with the status of the entry's day."""
    return with_status(person_for_detail(), entry.as_of).get(slug=entry.slug)


@pytest.mark.parametrize("entry", known_gaps(CANNOT_HOLD_STATUS))
def test_status_is_what_the_report_says(entry: Expected) -> None:
    report = status_report(person_on(entry), entry.as_of)
    assert (report.status, report.certainty) == (entry.status, entry.certainty), (
        f"{entry.source} {entry.locator}: {entry.reason}"
    )


@pytest.mark.parametrize("entry", known_gaps(CANNOT_HOLD_DAYS))
def test_days_deprived_of_liberty_are_what_the_report_allows(entry: Expected) -> None:
    days = days_detained(person_on(entry), entry.as_of)
    if entry.days is None or (entry.days.least == 0 and entry.days.most == 0):
        # Nothing to count: no figure, or none certain ("length not known").
        unknown_length = entry.days is None and days is not None and days.shortest == 0
        assert days is None or days.longest == 0 or (unknown_length and days.open_ended), (
            f"{entry.source} {entry.locator}"
        )
        return
    assert days is not None, f"{entry.source} {entry.locator}: {entry.reason}"
    if entry.days.most is None:
        assert (days.shortest, days.open_ended) == (entry.days.least, True), entry.reason
    else:
        assert (days.shortest, days.longest) == (entry.days.least, entry.days.most), entry.reason


@pytest.mark.parametrize("slug", MENTIONED_ONLY + NOT_DETAINED)
def test_people_never_held_or_charged_have_no_custody_status(slug: str) -> None:
    today = EXPECTED[0].as_of
    assert not in_status(Person.objects.filter(slug=slug), "in_custody", today).exists()
    assert days_detained(person_for_detail().get(slug=slug), today) is None


def test_the_held_on_filter_lists_the_prisoners_not_the_five_day_arrests(client) -> None:
    """/people/?held_on=2012-07-01: the review found the reverse."""
    page = client.get("/people/", {"held_on": "2012-07-01"}).content.decode()
    assert "Roza Tuletaeva" in page
    assert "Dmitrij Tihonov" not in page


def test_the_undated_arrest_of_the_three_women_is_over_five_days_after_its_report() -> None:
    """KIBHR §4a ¶26, a report of October 2011: the arrest began by 31 October at the latest."""
    entry = next(entry for entry in EXPECTED if entry.slug == "anon-5f02296464")
    group = with_status(person_for_detail(), date(2011, 11, 6)).get(slug=entry.slug)
    report = status_report(group, date(2011, 11, 6))
    assert (report.status, report.certainty) == (entry.status, entry.certainty)
    assert str(days_detained(group, date(2011, 11, 6))) == "5 days"
