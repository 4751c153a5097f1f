from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from casetracker.partial_dates import (
    DateBounds,
    DayRange,
    PartialDate,
    Precision,
    Qualifier,
    add_months,
    check_order,
    days_between,
    period_text,
)


@pytest.mark.parametrize(
    ("text", "value", "precision", "shown", "latest"),
    [
        ("2011-12-16", date(2011, 12, 16), Precision.DAY, "16 December 2011", date(2011, 12, 16)),
        ("2011-09", date(2011, 9, 1), Precision.MONTH, "September 2011", date(2011, 9, 30)),
        ("2012-02", date(2012, 2, 1), Precision.MONTH, "February 2012", date(2012, 2, 29)),
        ("2011", date(2011, 1, 1), Precision.YEAR, "2011", date(2011, 12, 31)),
    ],
)
def test_parse_keeps_precision_and_bounds(text, value, precision, shown, latest):
    partial = PartialDate.parse(text)
    assert (partial.value, partial.precision) == (value, precision)
    assert str(partial) == shown
    assert partial.isoformat() == text
    assert (partial.earliest, partial.latest) == (value, latest)


@pytest.mark.parametrize(
    "text", ["", "2011-13", "2011-02-30", "11-12-2011", "September 2011", "2011-1"]
)
def test_parse_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError):  # noqa: PT011 - the message names the text, checked elsewhere
        PartialDate.parse(text)


def test_a_partial_date_never_invents_a_day():
    with pytest.raises(ValueError, match="starts on day 1"):
        PartialDate(date(2011, 9, 15), Precision.MONTH)
    assert PartialDate.of(date(2011, 9, 15), "month") == PartialDate.parse("2011-09")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2011-12-17", "2011-12-17", DayRange(0, 0)),
        ("2011-09-01", "2011-09-16", DayRange(15, 15)),
        # Arrested some day in September, released 1 October: 1 to 30 days.
        ("2011-09", "2011-10-01", DayRange(1, 30)),
        # Both ends known to the month only.
        ("2011-09", "2011-10", DayRange(1, 60)),
        # Start and end in the same month: anything from 0 to 29 days.
        ("2011-09", "2011-09", DayRange(0, 29)),
        ("2011", "2012-01-01", DayRange(1, 365)),
    ],
)
def test_duration_between_partial_dates_is_a_range(start, end, expected):
    assert days_between(PartialDate.parse(start), PartialDate.parse(end)) == expected


def test_duration_refuses_an_end_before_the_start():
    with pytest.raises(ValueError, match="before"):
        days_between(PartialDate.parse("2011-12-16"), PartialDate.parse("2011-11"))


def test_check_order_compares_bounds_not_stored_days():
    # "December 2011" is stored as 1 December yet may follow 16 December.
    check_order(PartialDate.parse("2011-12-16"), PartialDate.parse("2011-12"), end_field="ended_on")
    with pytest.raises(ValidationError) as error:
        check_order(
            PartialDate.parse("2011-12-16"), PartialDate.parse("2011-11"), end_field="ended_on"
        )
    assert "before the start" in str(error.value.message_dict["ended_on"])


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2011, 9, 8), 84, date(2018, 9, 8)),
        (date(2012, 1, 31), 1, date(2012, 2, 29)),
        (date(2011, 11, 30), 3, date(2012, 2, 29)),
        (date(2011, 12, 16), 0, date(2011, 12, 16)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_date_bounds_shift_and_read():
    bounds = DateBounds(date(2011, 9, 1), date(2011, 9, 30)).shifted_by_months(72)
    assert bounds == DateBounds(date(2017, 9, 1), date(2017, 9, 30))
    assert str(bounds) == "between 1 September 2017 and 30 September 2017"
    assert str(DateBounds(date(2018, 9, 8), date(2018, 9, 8))) == "8 September 2018"


partial_dates = st.builds(
    PartialDate.of,
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(list(Precision)),
)


@given(partial_dates, st.integers(min_value=0, max_value=4000))
def test_duration_bounds_contain_every_possible_true_duration(start, gap):
    end_day = start.latest + timedelta(days=gap)
    span = days_between(start, end_day)
    assert span.shortest <= span.longest
    assert span.shortest <= (end_day - start.latest).days
    assert (end_day - start.earliest).days <= span.longest


@given(partial_dates)
def test_isoformat_round_trips(partial):
    assert PartialDate.parse(partial.isoformat()) == partial
    assert partial.contains(partial.earliest)
    assert partial.contains(partial.latest)


@pytest.mark.parametrize(
    ("text", "english", "russian"),
    [
        ("2011-12-16", "16 December 2011", "16 декабря 2011"),
        ("2011-12", "December 2011", "Декабрь 2011"),
        ("2011", "2011", "2011"),
    ],
)
def test_partial_dates_read_in_the_reader_language(text, english, russian):
    from django.utils import translation

    partial = PartialDate.parse(text)
    with translation.override("en"):
        assert str(partial) == english
    with translation.override("ru"):
        assert str(partial) == russian


def test_a_shift_past_the_end_of_the_calendar_is_unknown():
    bounds = DateBounds(date(9999, 1, 1), date(9999, 1, 31))
    assert bounds.shifted_by_months(11) == DateBounds(date(9999, 12, 1), date(9999, 12, 31))
    assert bounds.shifted_by_months(12) is None


# Qualified dates: about, on or before, on or after


@pytest.mark.parametrize(
    ("text", "qualifier", "english", "russian", "edtf"),
    [
        (
            "2011-11",
            Qualifier.ABOUT,
            "about November 2011",
            "Ноябрь 2011 (приблизительно)",
            "2011-11~",
        ),
        (
            "2011-07-08",
            Qualifier.ON_OR_BEFORE,
            "on or before 8 July 2011",
            "8 июля 2011 или раньше",
            "[..2011-07-08]",
        ),
        ("2012", Qualifier.ON_OR_AFTER, "on or after 2012", "2012 или позже", "[2012..]"),
        ("2011-12-16", Qualifier.STATED, "16 December 2011", "16 декабря 2011", "2011-12-16"),
    ],
)
def test_a_qualified_date_says_how_it_is_known(text, qualifier, english, russian, edtf):
    from django.utils import translation

    partial = replace(PartialDate.parse(text), qualifier=qualifier)
    with translation.override("en"):
        assert str(partial) == english
    with translation.override("ru"):
        assert str(partial) == russian
    assert partial.edtf() == edtf
    assert partial.isoformat() == text  # the period stated, for sorting and the stored columns


def test_a_start_on_or_before_a_date_leaves_the_days_open():
    """ "Held since before 8 July": at least the days from 8 July, perhaps many more."""
    start = PartialDate(date(2011, 7, 8), Precision.DAY, Qualifier.ON_OR_BEFORE)
    assert days_between(start, date(2011, 7, 18)) == DayRange(10, 10, open_ended=True)
    assert str(days_between(start, date(2011, 7, 18))) == "at least 10 days"


def test_a_start_on_or_after_a_date_leaves_no_day_certain():
    start = PartialDate(date(2011, 7, 8), Precision.DAY, Qualifier.ON_OR_AFTER)
    assert days_between(start, date(2011, 7, 18)) == DayRange(0, 10)


def test_an_end_on_or_after_a_date_leaves_the_days_open():
    end = PartialDate(date(2011, 7, 18), Precision.DAY, Qualifier.ON_OR_AFTER)
    assert days_between(date(2011, 7, 8), end) == DayRange(10, 10, open_ended=True)


def test_an_approximate_date_makes_the_days_approximate():
    start = PartialDate(date(2011, 11, 5), Precision.DAY, Qualifier.ABOUT)
    counted = days_between(start, date(2011, 11, 15))
    assert counted == DayRange(10, 10, approximate=True)
    assert not counted.exact
    assert str(counted) == "about 10 days"


def test_an_end_before_a_start_that_may_be_earlier_is_in_order():
    start = PartialDate(date(2012, 7, 31), Precision.DAY, Qualifier.ON_OR_BEFORE)
    end = PartialDate(date(2012, 7, 4), Precision.DAY)
    check_order(start, end, end_field="ended_on")  # no error: it may have begun any day before
    with pytest.raises(ValidationError):
        check_order(replace(start, qualifier=Qualifier.STATED), end, end_field="ended_on")


qualifiers = st.sampled_from(list(Qualifier))


@given(partial_dates, qualifiers, st.integers(min_value=0, max_value=4000), qualifiers)
def test_a_qualifier_only_widens_what_the_days_may_be(start, start_qualifier, gap, end_qualifier):
    """Whatever the qualifiers, the figures never claim more than the dates as stated allow:
    the shortest never grows, and a bound that may lie further out leaves the figure open."""
    end = PartialDate(start.latest + timedelta(days=gap), Precision.DAY)
    stated = days_between(start, end)
    qualified = days_between(
        replace(start, qualifier=start_qualifier), replace(end, qualifier=end_qualifier)
    )
    assert qualified.shortest <= stated.shortest <= stated.longest
    assert qualified.shortest <= qualified.longest
    if start_qualifier == Qualifier.ON_OR_BEFORE or end_qualifier == Qualifier.ON_OR_AFTER:
        assert qualified.open_ended
    else:
        assert qualified.longest == stated.longest
    assert qualified.approximate == (Qualifier.ABOUT in (start_qualifier, end_qualifier))


DAY = PartialDate(date(2011, 12, 16), Precision.DAY)
NEXT_DAY = PartialDate(date(2011, 12, 17), Precision.DAY)


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (DAY, None, "16 December 2011"),
        (DAY, DAY, "16 December 2011"),
        (DAY, NEXT_DAY, "16 December 2011 – 17 December 2011"),
        (None, NEXT_DAY, "until 17 December 2011"),
        (None, None, "date not known"),
        # The same day, but one reading is approximate: two statements, both shown.
        (DAY, PartialDate(date(2011, 12, 16), Precision.DAY, Qualifier.ABOUT),
         "16 December 2011 – about 16 December 2011"),
    ],
)  # fmt: skip
def test_a_period_in_words_names_a_single_day_once(start, end, text):
    assert period_text(start, end) == text


def test_a_period_in_words_in_russian():
    with translation.override("ru"):
        assert period_text(DAY, DAY) == "16 декабря 2011"
        assert period_text(None, NEXT_DAY) == "по 17 декабря 2011"
