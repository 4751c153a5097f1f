"""``detentions_covering(day)``: the detentions that may have covered a day, by their bounds in
Python; and the SQL date arithmetic the status rule uses, against the Python one."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.db.models import DateField, Exists, Value
from django.db.models.functions import Cast
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.status import detentions_covering
from casetracker.partial_dates import AddDays, AddMonths, PartialDate, Precision, add_months
from people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db

DAYS = st.dates(min_value=date(2010, 1, 1), max_value=date(2014, 12, 31))
partial_dates = st.builds(PartialDate.of, DAYS, st.sampled_from(Precision))


def in_order(start: PartialDate, end: PartialDate | None) -> tuple[PartialDate, PartialDate | None]:
    """The two as a start and an end the database accepts: the end may be on or after the start."""
    if end is not None and not start.may_be_before(end):
        return end, start
    return start, end


@st.composite
def periods(draw: st.DrawFn) -> tuple[PartialDate | None, PartialDate | None, int | None, bool]:
    """A start, or none known, and one of the kinds of end: dated, a known duration, reported
    undated, none."""
    start: PartialDate | None
    start, end = in_order(draw(partial_dates), draw(st.none() | partial_dates))
    if draw(st.integers(0, 3)) == 0:
        start = None  # "held for five days": no source dates the start
    duration = draw(st.none() | st.integers(0, 30)) if end is None else None
    undated = end is None and duration is None and draw(st.booleans())
    return start, end, duration, undated


@st.composite
def periods_and_a_day(draw: st.DrawFn) -> tuple[list[tuple[PartialDate, PartialDate | None]], date]:
    """Detention periods and a day, mostly on or next to one of their bounds."""
    spans = draw(st.lists(periods(), min_size=1, max_size=4))
    bounds = [bound for start, end, *_ in spans for bound in (start, end) if bound is not None]
    if not bounds:
        return spans, draw(DAYS)
    near = draw(st.sampled_from(bounds))
    edge = draw(st.sampled_from([near.earliest, near.latest]))
    return spans, draw(st.just(edge + timedelta(days=draw(st.integers(-1, 1)))) | DAYS)


def may_have_been_held(
    start: PartialDate | None,
    end: PartialDate | None,
    duration: int | None,
    undated: bool,
    day: date,
) -> bool:
    if start is None:
        return False  # no day of a detention no source dates can be named
    if end is not None:
        last = end.latest
    elif duration is not None:
        last = start.latest + timedelta(days=duration)
    elif undated:
        last = start.latest  # released on a day not given: certainly held on the first only
    else:
        return start.earliest <= day
    return start.earliest <= day <= last


@settings(max_examples=100, deadline=None)
@given(spans_and_day=periods_and_a_day())
def test_held_on_a_day_agrees_with_the_bounds_in_python(spans_and_day):
    spans, day = spans_and_day
    with transaction.atomic():
        detentions = {
            f.DetentionFactory(
                started_on=start.value if start else None,
                started_precision=start.precision if start else Precision.DAY,
                ended_on=end.value if end else None,
                ended_precision=end.precision if end else Precision.DAY,
                duration_days=duration,
                release_reported=undated,
            ).person_id: (start, end, duration, undated)
            for start, end, duration, undated in spans
        }
        held = Person.objects.filter(pk__in=detentions).filter(Exists(detentions_covering(day)))
        assert set(held.values_list("pk", flat=True)) == {
            pk for pk, period in detentions.items() if may_have_been_held(*period, day)
        }
        transaction.set_rollback(True)


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)),
    months=st.integers(0, 1200),
    days=st.integers(0, 3660),
)
def test_sql_date_arithmetic_agrees_with_python(day, months, days):
    """The status rule moves dates in SQL; pages move them in Python: the same days."""
    with transaction.atomic():
        person = f.PersonFactory()
        moved = (
            Person.objects.filter(pk=person.pk)
            .annotate(
                by_months=AddMonths(Cast(Value(day), output_field=DateField()), Value(months)),
                by_days=AddDays(Cast(Value(day), output_field=DateField()), Value(days)),
            )
            .values_list("by_months", "by_days")
            .get()
        )
        transaction.set_rollback(True)
    assert moved == (add_months(day, months), day + timedelta(days=days))
