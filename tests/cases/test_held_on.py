"""``held_on(day)``: the detentions that may have covered a day, by their bounds in Python."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.models import Detention
from casetracker.partial_dates import PartialDate, Precision
from tests import factories as f

pytestmark = pytest.mark.django_db

DAYS = st.dates(min_value=date(2010, 1, 1), max_value=date(2014, 12, 31))
partial_dates = st.builds(PartialDate.of, DAYS, st.sampled_from(Precision))


def in_order(start: PartialDate, end: PartialDate | None) -> tuple[PartialDate, PartialDate | None]:
    """The two as a start and an end the database accepts: the end may be on or after the start."""
    if end is not None and not start.may_be_before(end):
        return end, start
    return start, end


periods = st.builds(in_order, partial_dates, st.none() | partial_dates)


@st.composite
def periods_and_a_day(draw: st.DrawFn) -> tuple[list[tuple[PartialDate, PartialDate | None]], date]:
    """Detention periods and a day, mostly on or next to one of their bounds."""
    spans = draw(st.lists(periods, min_size=1, max_size=4))
    bounds = [bound for start, end in spans for bound in (start, end) if bound is not None]
    near = draw(st.sampled_from(bounds))
    edge = draw(st.sampled_from([near.earliest, near.latest]))
    return spans, draw(st.just(edge + timedelta(days=draw(st.integers(-1, 1)))) | DAYS)


def may_have_been_held(start: PartialDate, end: PartialDate | None, day: date) -> bool:
    return start.earliest <= day and (end is None or end.latest >= day)


@settings(max_examples=100, deadline=None)
@given(spans_and_day=periods_and_a_day())
def test_held_on_a_day_agrees_with_the_bounds_in_python(spans_and_day):
    spans, day = spans_and_day
    with transaction.atomic():
        detentions = {
            f.DetentionFactory(
                started_on=start.value,
                started_precision=start.precision,
                ended_on=end.value if end else None,
                ended_precision=end.precision if end else Precision.DAY,
            ).pk: (start, end)
            for start, end in spans
        }
        held = Detention.objects.held_on(day).filter(pk__in=detentions)
        assert set(held.values_list("pk", flat=True)) == {
            pk for pk, (start, end) in detentions.items() if may_have_been_held(start, end, day)
        }
        transaction.set_rollback(True)
