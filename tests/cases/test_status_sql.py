"""The status in SQL (``status_expression``) agrees with ``status_of``, the rule the pages show."""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Detention, Outcome
from cases.status import PersonStatus, status_expression, status_of
from casetracker.partial_dates import PartialDate, PeriodEnd, Precision
from casetracker.publication import Status, Visibility
from casetracker.site.people.filters import PersonFilter
from casetracker.site.people.selectors import people_for_list, status_counts
from people.models import Person
from tests import factories as f
from tests.public.conftest import build_world

pytestmark = pytest.mark.django_db

# A partial date as stored: a day of the period, and the precision. The day should be the first.
Stored = tuple[date, Precision]

# How a record is kept from the public: itself, or the case it hangs on.
SHOWN, DRAFT, RESTRICTED, HIDDEN_CASE = "shown", "draft", "restricted", "hidden case"


def workflow(shown: str) -> dict[str, str]:
    if shown == DRAFT:
        return {"status": Status.DRAFT}
    if shown == RESTRICTED:
        return {"visibility": Visibility.RESTRICTED}
    return {}


def case_for(shown: str, person: Person):
    status = Status.DRAFT if shown == HIDDEN_CASE else Status.PUBLISHED
    return f.CaseFactory(status=status, defendants=[person])


def add_detention(person: Person, start: Stored, end: Stored | None, shown: str = SHOWN) -> None:
    f.DetentionFactory(
        person=person,
        case=case_for(shown, person) if shown == HIDDEN_CASE else None,
        started_on=start[0],
        started_precision=start[1],
        ended_on=end[0] if end else None,
        ended_precision=end[1] if end else Precision.DAY,
        **workflow(shown),
    )


def add_outcome(
    person: Person, held: Stored, verdict: str = Outcome.Verdict.CONVICTED, shown: str = SHOWN
) -> None:
    hearing = f.HearingFactory(
        case=case_for(shown, person),
        held_on=held[0],
        held_precision=held[1],
        **workflow(shown),
    )
    f.OutcomeFactory(hearing=hearing, defendant=person, verdict=verdict)


def derived_statuses(on: date) -> dict[int, tuple[str, PersonStatus]]:
    """Each public person's status by SQL and by ``status_of``, as the people list loads them."""
    people = people_for_list().annotate(derived_status=status_expression(on))
    return {person.pk: (person.derived_status, status_of(person, on).status) for person in people}


@contextmanager
def rolled_back() -> Iterator[None]:
    """One hypothesis example's records, gone before the next example starts."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- The property: random records around a random day -------------------------------------------

SHOWN_OR_NOT = st.just(SHOWN) | st.sampled_from([SHOWN, DRAFT, RESTRICTED, HIDDEN_CASE])
VERDICTS = st.sampled_from(Outcome.CONVICTIONS) | st.sampled_from(Outcome.Verdict)
# Mostly days on the edges of months and years, so that dates fall on the day asked about, on each
# other and in each other's month or year, where the precision of a date decides; sometimes any.
EDGES = [
    date(2011, 12, 31),
    date(2012, 1, 1),
    date(2012, 2, 28),
    date(2012, 2, 29),
    date(2012, 3, 1),
    date(2012, 6, 15),
    date(2012, 6, 30),
    date(2012, 7, 1),
    date(2012, 12, 31),
    date(2013, 1, 1),
    date(2013, 2, 28),
    date(2013, 3, 1),
]
DAYS = st.sampled_from(EDGES) | st.dates(min_value=date(2010, 1, 1), max_value=date(2014, 12, 31))
PRECISIONS = st.sampled_from(Precision)


@dataclass(frozen=True)
class DetentionSpec:
    start: Stored
    end: Stored | None
    shown: str


@dataclass(frozen=True)
class OutcomeSpec:
    held: Stored
    verdict: Outcome.Verdict
    shown: str


def first_day(day: date, precision: Precision) -> Stored:
    partial = PartialDate.of(day, precision)
    return partial.value, partial.precision


# Stored on the first day of the period, as the database requires.
dated = st.builds(first_day, DAYS, PRECISIONS)


def not_before(start: Stored, end: Stored) -> Stored:
    """``end``, moved to the start's day (or period) if before it, as the database requires."""
    return first_day(max(start[0], end[0]), end[1])


detention_specs = st.builds(DetentionSpec, dated, st.one_of(st.none(), dated, dated), SHOWN_OR_NOT)
outcome_specs = st.builds(OutcomeSpec, dated, VERDICTS, SHOWN_OR_NOT)
people_specs = st.lists(
    st.tuples(st.lists(detention_specs, max_size=3), st.lists(outcome_specs, max_size=3)),
    min_size=1,
    max_size=4,
)


# Each example writes to the database: a hundred are some ten seconds.
EXAMPLES = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@EXAMPLES
@given(on=DAYS, specs=people_specs)
def test_sql_status_agrees_with_status_of(on, specs):
    with rolled_back():
        for detentions, outcomes in specs:
            person = f.PersonFactory()
            for d in detentions:
                end = not_before(d.start, d.end) if d.end else None
                add_detention(person, d.start, end, d.shown)
            for o in outcomes:
                add_outcome(person, o.held, o.verdict, o.shown)
        statuses = derived_statuses(on)
        for sql, python in statuses.values():
            assert sql == python
        assert status_counts(on) == Counter(python for _sql, python in statuses.values())


@EXAMPLES
@given(on=DAYS, started=dated, released=dated, convicted=dated)
def test_sql_status_agrees_on_a_release_and_a_conviction(on, started, released, convicted):
    """The case the general property seldom draws: which came last, each known to a precision."""
    with rolled_back():
        person = f.PersonFactory()
        add_detention(person, started, not_before(started, released))
        add_outcome(person, convicted)
        [(sql, python)] = derived_statuses(on).values()
        assert sql == python


# --- Examples ------------------------------------------------------------------------------------


def day(text: str) -> Stored:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, stored as the first day of the period."""
    partial = PartialDate.parse(text)
    return partial.value, partial.precision


@pytest.mark.parametrize(
    ("value", "precision", "latest"),
    [
        (date(2012, 6, 4), Precision.DAY, date(2012, 6, 4)),
        (date(2012, 2, 1), Precision.MONTH, date(2012, 2, 29)),
        (date(2013, 2, 1), Precision.MONTH, date(2013, 2, 28)),
        (date(2011, 12, 1), Precision.MONTH, date(2011, 12, 31)),
        (date(2011, 4, 1), Precision.MONTH, date(2011, 4, 30)),
        (date(2012, 1, 1), Precision.YEAR, date(2012, 12, 31)),
    ],
)
def test_period_end_is_the_latest_day_of_the_partial_date(value, precision, latest):
    assert PartialDate.of(value, precision).latest == latest
    detention = f.DetentionFactory(
        started_on=date(2011, 1, 1), ended_on=value, ended_precision=precision
    )
    ended = Detention.objects.annotate(latest=PeriodEnd("ended_on", "ended_precision"))
    assert ended.get(pk=detention.pk).latest == latest


def test_period_end_of_no_date_is_none():
    f.DetentionFactory(ended_on=None)
    ended = Detention.objects.annotate(latest=PeriodEnd("ended_on", "ended_precision"))
    assert ended.get().latest is None


def test_each_status():
    on = date(2013, 1, 1)
    held = f.PersonFactory()
    add_detention(held, day("2012-05-01"), None)
    sentenced = f.PersonFactory()
    add_outcome(sentenced, day("2012-06-04"), Outcome.Verdict.CONVICTED)
    released = f.PersonFactory()
    add_detention(released, day("2011-09-08"), day("2012-06-04"))
    acquitted = f.PersonFactory()
    add_outcome(acquitted, day("2012-06-04"), Outcome.Verdict.ACQUITTED)
    # Records the public may not see, or that start after the day asked about, say nothing.
    unknown = f.PersonFactory()
    add_detention(unknown, day("2012-05-01"), None, DRAFT)
    add_outcome(unknown, day("2012-06-04"), shown=RESTRICTED)
    add_detention(unknown, day("2012-05-01"), None, HIDDEN_CASE)
    add_detention(unknown, day("2013-01-02"), None)
    assert derived_statuses(on) == {
        held.pk: (PersonStatus.DETAINED, PersonStatus.DETAINED),
        sentenced.pk: (PersonStatus.SENTENCED, PersonStatus.SENTENCED),
        released.pk: (PersonStatus.RELEASED, PersonStatus.RELEASED),
        acquitted.pk: (PersonStatus.UNKNOWN, PersonStatus.UNKNOWN),
        unknown.pk: (PersonStatus.UNKNOWN, PersonStatus.UNKNOWN),
    }
    assert status_counts(on) == {
        PersonStatus.DETAINED: 1,
        PersonStatus.SENTENCED: 1,
        PersonStatus.RELEASED: 1,
        PersonStatus.UNKNOWN: 2,
    }


@pytest.mark.parametrize(
    ("ended", "on", "expected"),
    [
        # Released some day in February of a leap year: held, for all we know, to the 29th.
        ("2012-02", date(2012, 2, 29), PersonStatus.DETAINED),
        ("2012-02", date(2012, 3, 1), PersonStatus.RELEASED),
        ("2013-02", date(2013, 2, 28), PersonStatus.DETAINED),
        ("2013-02", date(2013, 3, 1), PersonStatus.RELEASED),
        ("2011-12", date(2011, 12, 31), PersonStatus.DETAINED),
        ("2011-12", date(2012, 1, 1), PersonStatus.RELEASED),
        ("2012", date(2012, 12, 31), PersonStatus.DETAINED),
        ("2012", date(2013, 1, 1), PersonStatus.RELEASED),
        ("2012-02-28", date(2012, 2, 28), PersonStatus.DETAINED),
        ("2012-02-28", date(2012, 2, 29), PersonStatus.RELEASED),
    ],
)
def test_a_partial_release_is_held_to_the_end_of_its_period(ended, on, expected):
    person = f.PersonFactory()
    add_detention(person, day("2011-09-08"), day(ended))
    assert derived_statuses(on)[person.pk] == (expected, expected)


@pytest.mark.parametrize(
    ("start", "on", "expected"),
    [
        # Arrested some time in March: detained from the 1st, as far as the bounds go.
        ("2012-03", date(2012, 2, 29), PersonStatus.UNKNOWN),
        ("2012-03", date(2012, 3, 1), PersonStatus.DETAINED),
        ("2012", date(2011, 12, 31), PersonStatus.UNKNOWN),
        ("2012", date(2012, 1, 1), PersonStatus.DETAINED),
    ],
)
def test_a_partial_arrest_counts_from_the_start_of_its_period(start, on, expected):
    person = f.PersonFactory()
    add_detention(person, day(start), None)
    assert derived_statuses(on)[person.pk] == (expected, expected)


@pytest.mark.parametrize(
    ("released", "convicted", "expected"),
    [
        # The later of the two decides, each at the latest day it may have been.
        ("2012-06", "2012-06-15", PersonStatus.RELEASED),
        ("2012-06-15", "2012-06", PersonStatus.SENTENCED),
        # Both known only to the month: a conviction is not known to be later.
        ("2012-06", "2012-06", PersonStatus.RELEASED),
        ("2012-06-15", "2012-06-15", PersonStatus.RELEASED),
        ("2012-06-15", "2012-06-16", PersonStatus.SENTENCED),
        ("2012-12-31", "2012", PersonStatus.RELEASED),
        ("2012-12-30", "2012", PersonStatus.SENTENCED),
    ],
)
def test_a_release_and_a_conviction_in_the_same_period(released, convicted, expected):
    person = f.PersonFactory()
    add_detention(person, day("2011-09-08"), day(released))
    add_outcome(person, day(convicted), Outcome.Verdict.UPHELD)
    on = date(2013, 1, 1)
    assert derived_statuses(on)[person.pk] == (expected, expected)


def test_a_conviction_not_yet_handed_down_is_not_counted():
    person = f.PersonFactory()
    add_detention(person, day("2011-09-08"), day("2012-01-10"))
    add_outcome(person, day("2012-06"), Outcome.Verdict.CONVICTED)
    on = date(2012, 5, 31)
    assert derived_statuses(on)[person.pk] == (PersonStatus.RELEASED, PersonStatus.RELEASED)
    # From 1 June the conviction may have been handed down, and is counted at its latest day.
    on = date(2012, 6, 1)
    assert derived_statuses(on)[person.pk] == (PersonStatus.SENTENCED, PersonStatus.SENTENCED)


# --- The filter and the counts: one query, whatever the number of people -------------------------


def people_of_each_status(count: int) -> None:
    for _index in range(count):
        add_detention(f.PersonFactory(), day("2011-09-08"), None)
        add_detention(f.PersonFactory(), day("2011-09-08"), day("2012-01"))
        add_outcome(f.PersonFactory(), day("2012-06-04"))
        f.PersonFactory()


@pytest.mark.parametrize("count", [1, 10])
def test_status_counts_is_one_query(django_assert_num_queries, count):
    people_of_each_status(count)
    with django_assert_num_queries(1):  # people grouped by status
        counts = status_counts(date(2013, 1, 1))
    assert counts == dict.fromkeys(PersonStatus, count)


@pytest.mark.parametrize("count", [1, 10])
@pytest.mark.parametrize("status", PersonStatus)
def test_status_filter_is_one_query(django_assert_num_queries, count, status):
    people_of_each_status(count)
    people = PersonFilter({"status": status}, queryset=Person.objects.public())
    assert people.is_valid()
    with django_assert_num_queries(1):  # the people of that status
        found = list(people.qs)
    statuses = derived_statuses(timezone.localdate())
    assert [statuses[person.pk] for person in found] == [(status, status)] * count


@pytest.mark.parametrize("rows", [3, 30])
def test_filtered_people_list_keeps_its_query_budget(reader, django_assert_num_queries, rows):
    build_world(rows)
    # count, page of people, roles, person citations, detentions, their citations, outcomes
    # (+ hearing, case, sentence), their citations; the filter form's choices: roles,
    # organisations, legal articles, places. The status is a condition of the first two.
    with django_assert_num_queries(12):
        response = reader.get(reverse("people:person_list"), {"status": "detained"})
        assert response.context["count"] == rows
