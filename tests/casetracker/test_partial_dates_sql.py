"""The bounds of partial dates in SQL are ``PartialDate``'s, on SQLite and PostgreSQL alike."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casetracker.models import SourceDocument
from casetracker.partial_dates import (
    STORED_FROM,
    STORED_UNTIL,
    PartialDate,
    PeriodEnd,
    Precision,
    earliest_on_or_before,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

DAYS = st.dates(min_value=STORED_FROM, max_value=STORED_UNTIL)
# Last days of months, leap days among them, where the end of a month is decided; random days
# seldom fall on one.
MONTH_ENDS = DAYS.map(lambda day: PartialDate.of(day, Precision.MONTH).latest)
partial_dates = st.builds(PartialDate.of, DAYS | MONTH_ENDS, st.sampled_from(Precision))
some_partial_dates = st.lists(partial_dates, min_size=1, max_size=8)

# Each example writes a few rows, in a transaction rolled back before the next.
EXAMPLES = settings(max_examples=100, deadline=None)


@contextmanager
def rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def stored(partials: list[PartialDate]) -> dict[int, PartialDate]:
    """Each partial date as a source's publication date, by the source's primary key."""
    return {
        f.SourceDocumentFactory(published_on=p.value, published_precision=p.precision).pk: p
        for p in partials
    }


def month(year: int, month: int) -> PartialDate:
    return PartialDate(date(year, month, 1), Precision.MONTH)


@EXAMPLES
@given(partials=some_partial_dates)
# February in leap years and not (1900 and 2100 are not, 2000 is), the window's last month and
# year, December, and a day on each edge of the window.
@example([month(1900, 2), month(2000, 2), month(2100, 2), month(2012, 2), month(2013, 2)])
@example([month(2199, 12), PartialDate(date(2199, 1, 1), Precision.YEAR), month(2011, 12)])
@example([PartialDate(STORED_FROM, Precision.DAY), PartialDate(STORED_UNTIL, Precision.DAY)])
def test_the_latest_day_in_sql_is_partial_date_latest(partials):
    with rolled_back():
        rows = stored(partials)
        latest = SourceDocument.objects.filter(pk__in=rows).annotate(
            latest=PeriodEnd.of("published")
        )
        assert dict(latest.values_list("pk", "latest")) == {
            pk: partial.latest for pk, partial in rows.items()
        }


@st.composite
def partial_dates_and_a_day(draw: st.DrawFn) -> tuple[list[PartialDate], date]:
    """Partial dates and a day, mostly on or next to one of their bounds, where it matters."""
    partials = draw(some_partial_dates)
    near = draw(st.sampled_from(partials))
    edge = draw(st.sampled_from([near.earliest, near.latest]))
    nearby = edge + timedelta(days=draw(st.integers(-1, 1)))
    return partials, draw(st.just(nearby) | DAYS)


@EXAMPLES
@given(partials_and_day=partial_dates_and_a_day())
def test_begun_by_a_day_in_sql_is_partial_date_earliest(partials_and_day):
    partials, day = partials_and_day
    with rolled_back():
        rows = stored(partials)
        begun = SourceDocument.objects.filter(earliest_on_or_before("published", day), pk__in=rows)
        assert set(begun.values_list("pk", flat=True)) == {
            pk for pk, partial in rows.items() if partial.earliest <= day
        }


def test_the_latest_day_of_no_date_is_none():
    source = f.SourceDocumentFactory(published_on=None)
    latest = SourceDocument.objects.annotate(latest=PeriodEnd.of("published"))
    assert latest.get(pk=source.pk).latest is None
