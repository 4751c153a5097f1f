"""Values computed from the records, never typed: days detained, expected release, status."""

from datetime import date

import pytest
from django.db.models import Prefetch

from cases.models import Detention, Outcome
from cases.status import PersonStatus, status_of
from casetracker.footnotes import cited
from casetracker.partial_dates import DateBounds, DayRange
from people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


def with_records(person: Person) -> Person:
    """The person as a page loads them: everything status_of reads is prefetched."""
    return Person.objects.prefetch_related(
        cited(),
        Prefetch("detentions", queryset=Detention.objects.prefetch_related(cited())),
        Prefetch(
            "outcomes",
            queryset=Outcome.objects.select_related("hearing").prefetch_related(cited()),
        ),
    ).get(pk=person.pk)


def test_days_detained_counts_to_the_release():
    released = f.DetentionFactory.build(started_on=date(2011, 9, 8), ended_on=date(2012, 6, 4))
    assert released.days(known_until=date(2020, 1, 1)) == DayRange(270, 270)
    assert str(released.days(known_until=date(2020, 1, 1))) == "270 days"


def test_without_a_reported_release_days_detained_is_only_a_lower_bound():
    """Counted to the last day a source knows of, never on to today by itself."""
    ongoing = f.DetentionFactory.build(started_on=date(2011, 9, 8), ended_on=None)
    days = ongoing.days(known_until=date(2011, 9, 18))
    assert days == DayRange(10, 10, open_ended=True)
    assert str(days) == "at least 10 days"
    assert not days.exact
    total = days + DayRange(5, 5)
    assert (total.shortest, total.open_ended) == (15, True)


def test_days_detained_with_a_month_only_start_is_a_range():
    detention = f.DetentionFactory.build(
        started_on=date(2011, 9, 1), started_precision="month", ended_on=date(2011, 10, 1)
    )
    assert detention.days(known_until=date(2012, 1, 1)) == DayRange(1, 30)


def test_expected_release_counts_the_term_from_custody():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    f.DetentionFactory(person=person, case=case, started_on=date(2011, 9, 8))
    f.DetentionFactory(
        person=person,
        case=None,
        kind=Detention.Kind.ADMINISTRATIVE_ARREST,
        started_on=date(2011, 5, 1),
        ended_on=date(2011, 5, 15),
    )
    sentence = f.SentenceFactory(
        outcome=f.OutcomeFactory(hearing=f.HearingFactory(case=case), defendant=person),
        prison_months=72,
    )
    assert sentence.outcome.expected_release() == DateBounds(date(2017, 9, 8), date(2017, 9, 8))


def test_expected_release_keeps_the_uncertainty_of_a_partial_start():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    f.DetentionFactory(
        person=person, case=case, started_on=date(2011, 9, 1), started_precision="month"
    )
    outcome = f.OutcomeFactory(hearing=f.HearingFactory(case=case), defendant=person)
    f.SentenceFactory(outcome=outcome, prison_months=84)
    assert outcome.expected_release() == DateBounds(date(2018, 9, 1), date(2018, 9, 30))


def test_no_expected_release_without_prison_or_custody():
    suspended = f.SentenceFactory(prison_months=None, suspended_months=24, probation_months=12)
    assert suspended.outcome.expected_release() is None
    never_held = f.SentenceFactory(prison_months=60)
    assert never_held.outcome.expected_release() is None


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2011, 9, 1), PersonStatus.UNKNOWN),
        (date(2011, 10, 1), PersonStatus.DETAINED),
        (date(2012, 7, 1), PersonStatus.RELEASED),
    ],
)
def test_status_follows_detentions_over_time(on, expected):
    person = f.PersonFactory()
    f.DetentionFactory(person=person, started_on=date(2011, 9, 8), ended_on=date(2012, 6, 4))
    assert status_of(with_records(person), on=on).status == expected


def test_sentenced_without_custody_and_as_of_the_newest_source():
    person = f.PersonFactory()
    outcome = f.OutcomeFactory(defendant=person, hearing=f.HearingFactory(held_on=date(2012, 6, 4)))
    f.SentenceFactory(outcome=outcome, prison_months=None, suspended_months=36, probation_months=36)
    old = f.SourceDocumentFactory(published_on=date(2011, 10, 1), published_precision="month")
    new = f.SourceDocumentFactory(published_on=date(2012, 12, 17), published_precision="day")
    f.CitationFactory(record=person, source=old)
    f.CitationFactory(record=outcome, source=new)
    report = status_of(with_records(person), on=date(2013, 1, 1))
    assert report.status == PersonStatus.SENTENCED
    assert report.as_of == date(2012, 12, 17)
    # Asked about a day before the newer report, the status rests on the older one.
    assert status_of(with_records(person), on=date(2012, 1, 1)).as_of == date(2011, 10, 31)


def test_a_release_after_a_conviction_reads_released():
    person = f.PersonFactory()
    case = f.CaseFactory(defendants=[person])
    f.DetentionFactory(
        person=person, case=case, started_on=date(2011, 9, 8), ended_on=date(2012, 8, 8)
    )
    f.OutcomeFactory(
        defendant=person,
        hearing=f.HearingFactory(case=case, held_on=date(2012, 8, 8)),
        verdict=Outcome.Verdict.CHANGED,
    )
    assert status_of(with_records(person), on=date(2012, 8, 7)).status == PersonStatus.DETAINED
    # Freed in court on the day of the appeal: the release is the newer fact.
    assert status_of(with_records(person), on=date(2013, 1, 1)).status == PersonStatus.RELEASED
