"""Detentions and hearings no source dates (started_on, held_on NULL): what is derived from them
uses only what is known. A length counts its days; no day is claimed for it."""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.models import Detention, Hearing, Outcome
from cases.status import PersonStatus, detention_days, outcome_details, undated_days
from casetracker.models import Certainty
from casetracker.partial_dates import DateBounds, DayRange
from tests import factories as f
from tests.cases.test_derived import convicted, days, loaded, status

pytestmark = pytest.mark.django_db

LATER = date(2013, 1, 1)


def undated_arrest(person, **fields):
    return f.DetentionFactory(
        person=person,
        kind=Detention.Kind.ADMINISTRATIVE_ARREST,
        started_on=None,
        **fields,
    )


def reported(record, published_on: date, precision: str = "day", **source) -> None:
    """Cite ``record`` to a report published on ``published_on`` (to ``precision``)."""
    report = f.SourceDocumentFactory(
        published_on=published_on, published_precision=precision, **source
    )
    f.CitationFactory(record=record, source=report)


def test_an_undated_arrest_of_known_length_counts_its_days_and_claims_no_day():
    """KIBHR §4a ¶26: held five days, no date given."""
    person = f.PersonFactory()
    detention = undated_arrest(person, duration_days=5)
    assert days(person, LATER) == DayRange(5, 5)
    assert str(detention_days(detention, LATER)) == "5 days"
    for day in (date(2011, 6, 1), date(2011, 12, 16), LATER):
        assert status(person, day).status == PersonStatus.UNKNOWN
    assert str(detention) == f"{person}: administrative arrest from date not known"


def test_an_undated_detention_without_a_length_has_days_not_known():
    person = f.PersonFactory()
    undated_arrest(person, release_reported=True)
    counted = days(person, LATER)
    assert counted == DayRange(0, 0, open_ended=True)
    assert str(counted) == "length not known"
    assert status(person, LATER).status == PersonStatus.UNKNOWN


def test_an_undated_start_with_a_dated_end_is_a_release_from_that_day_on():
    person = f.PersonFactory()
    undated_arrest(person, ended_on=date(2011, 7, 1))
    assert status(person, date(2011, 6, 30)).status == PersonStatus.UNKNOWN
    assert status(person, date(2011, 7, 2)).status == PersonStatus.RELEASED


def test_an_undated_period_may_overlap_the_dated_ones():
    """At least the longer of the two (it may lie inside the dated one), at most their sum."""
    person = f.PersonFactory()
    f.DetentionFactory(person=person, started_on=date(2011, 9, 1), ended_on=date(2011, 9, 11))
    undated_arrest(person, duration_days=15)
    assert days(person, LATER) == DayRange(15, 25)


def test_pre_trial_custody_of_unknown_dates_is_not_credited_and_the_page_says_so():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    f.DetentionFactory(
        person=person, case=case, kind=Detention.Kind.PRE_TRIAL, started_on=None, duration_days=90
    )
    convicted(person, case=case, held_on=date(2012, 6, 4), prison_months=12)
    outcome = loaded(person, LATER).outcomes.get()
    assert outcome.custody_started() is None
    assert outcome.expected_release() == DateBounds(date(2013, 6, 4), date(2013, 6, 4))
    assert outcome_details(outcome)[-2:] == [
        "expected release: 4 June 2013",
        "custody of unknown dates not credited",
    ]
    # The status (SQL) counts the term from the verdict too.
    assert status(person, date(2013, 6, 4)).status == PersonStatus.IN_CUSTODY
    assert status(person, date(2013, 6, 5)).status == PersonStatus.RELEASED


def test_an_undated_verdict_gives_no_expected_release_no_days_and_no_status():
    person = f.PersonFactory()
    outcome = convicted(person, held_on=None, prison_months=12)
    assert outcome.expected_release() is None
    assert days(person, LATER) is None
    assert status(person, LATER).status == PersonStatus.UNKNOWN
    assert outcome_details(loaded(person, LATER).outcomes.get())[0] == "convicted"


def test_an_undated_later_hearing_supersedes_nothing_and_sorts_last():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    first = convicted(person, case=case, held_on=date(2012, 6, 4), prison_months=84)
    undated = convicted(person, case=case, held_on=None, prison_months=60)
    assert status(person, LATER).status == PersonStatus.IN_CUSTODY
    assert list(Outcome.objects.filter(defendant=person)) == [first, undated]
    assert list(Hearing.objects.filter(case=case)) == [first.hearing, undated.hearing]


def test_undated_rows_sort_last_on_every_database():
    person = f.PersonFactory()
    undated = undated_arrest(person, duration_days=5)
    dated = f.DetentionFactory(person=person, started_on=date(2011, 9, 8))
    assert list(Detention.objects.filter(person=person)) == [dated, undated]


@settings(max_examples=60, deadline=None)
@given(
    dated=st.lists(
        st.tuples(
            st.dates(min_value=date(2011, 1, 1), max_value=date(2012, 12, 1)),
            st.integers(0, 40),
        ),
        max_size=3,
    ),
    lengths=st.lists(st.none() | st.integers(0, 40), min_size=1, max_size=3),
)
def test_undated_periods_widen_the_days_by_what_is_known_of_them(dated, lengths):
    """However the undated periods lie: at least the longest of them, at most all added; and
    never fewer than the dated days alone."""
    with transaction.atomic():
        person = f.PersonFactory()
        for start, length in dated:
            f.DetentionFactory(person=person, started_on=start, duration_days=length)
        dated_only = days(person, LATER)
        undated = [undated_arrest(person, duration_days=length) for length in lengths]
        counted = days(person, LATER)
        transaction.set_rollback(True)
    assert counted is not None
    known = [length for length in lengths if length is not None]
    assert counted.shortest <= counted.longest
    assert counted.shortest >= max(known, default=0)
    assert counted.longest >= sum(known)
    assert counted.open_ended == (len(known) < len(lengths))
    assert all(undated_days(detention) is not None for detention in undated)
    if dated_only is not None:
        assert counted.shortest >= dated_only.shortest
        assert counted.longest == dated_only.longest + sum(known)
    else:
        assert (counted.shortest, counted.longest) == (max(known, default=0), sum(known))


def test_a_charge_decided_on_a_day_no_source_gives_is_not_said_to_stand():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person], opened_on=date(2011, 6, 1), opened_precision="month")
    f.ChargeFactory(case=case, defendant=person)
    assert status(person, LATER).status == PersonStatus.CHARGED
    convicted(person, case=case, held_on=None, arrest_days=5)
    assert status(person, LATER).status == PersonStatus.UNKNOWN


def test_an_undated_arrest_is_over_its_length_after_the_first_report_of_it():
    """A report tells of what has happened: the arrest began by the report's last day."""
    person = f.PersonFactory()
    detention = undated_arrest(person, duration_days=5)
    reported(detention, date(2012, 1, 1), "year")
    reported(detention, date(2011, 10, 1), "month")
    assert status(person, date(2011, 11, 5)).status == PersonStatus.UNKNOWN
    released = status(person, date(2011, 11, 6))
    assert (released.status, released.certainty) == (PersonStatus.RELEASED, Certainty.INFERRED)
    assert days(person, date(2011, 11, 6)) == DayRange(5, 5)


def test_an_undated_release_is_reported_by_the_first_report_of_it():
    person = f.PersonFactory()
    detention = undated_arrest(person, release_reported=True, certainty=Certainty.UNCONFIRMED)
    reported(detention, date(2012, 3, 1))
    assert status(person, date(2012, 3, 1)).status == PersonStatus.UNKNOWN
    released = status(person, date(2012, 3, 2))
    assert (released.status, released.certainty) == (PersonStatus.RELEASED, Certainty.UNCONFIRMED)


def test_a_draft_report_of_an_undated_arrest_ends_it_for_no_reader():
    person = f.PersonFactory()
    detention = undated_arrest(person, duration_days=5)
    reported(detention, date(2011, 10, 1), "month", status="draft")
    assert status(person, LATER).status == PersonStatus.UNKNOWN
