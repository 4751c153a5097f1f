"""Dates known only to a day, a month or a year, and durations between them.

A partial date is stored as three columns: ``<name>_on`` holds the first day of the period,
``<name>_precision`` says how much of it is known and ``<name>_qualifier`` how the source relates
the true date to it: as stated, about, on or before, on or after. "September 2011" is
(2011-09-01, month); "before 8 July" is (2011-07-08, day, on or before); we never invent the day,
and arithmetic works on the period's bounds. An unknown date is no date (NULL).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import NotSupportedError, models
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.expressions import Combinable
    from django.db.models.sql.compiler import SQLCompiler
    from django_stubs_ext import StrOrPromise


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Qualifier(models.TextChoices):
    """How the true date relates to the period stated."""

    STATED = "", _("as stated")
    ABOUT = "about", _("about (approximate)")
    ON_OR_BEFORE = "on_or_before", _("on or before")
    ON_OR_AFTER = "on_or_after", _("on or after")


_QUALIFIED = {
    Qualifier.ABOUT: _("about %(date)s"),
    Qualifier.ON_OR_BEFORE: _("on or before %(date)s"),
    Qualifier.ON_OR_AFTER: _("on or after %(date)s"),
}

_ISO = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A date known to ``precision``; ``value`` is the first day of the period it names.

    ``earliest`` and ``latest`` are the bounds of the period stated; ``qualifier`` says whether
    the true date is only near it (about), or may lie before it (on or before) or after it (on
    or after): ``may_be_earlier`` and ``may_be_later`` tell arithmetic to leave that side open.
    """

    value: date
    precision: Precision
    qualifier: Qualifier = Qualifier.STATED

    def __post_init__(self) -> None:
        if self.precision == Precision.MONTH and self.value.day != 1:
            raise ValueError(f"a month-precise date starts on day 1, not {self.value}")
        if self.precision == Precision.YEAR and (self.value.month, self.value.day) != (1, 1):
            raise ValueError(f"a year-precise date starts on 1 January, not {self.value}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        match = _ISO.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match["year"], match["month"], match["day"]
        if day:
            return cls(date(int(year), int(month), int(day)), Precision.DAY)
        if month:
            return cls(date(int(year), int(month), 1), Precision.MONTH)
        return cls(date(int(year), 1, 1), Precision.YEAR)

    @classmethod
    def of(
        cls, value: date, precision: Precision | str, qualifier: Qualifier | str = Qualifier.STATED
    ) -> PartialDate:
        """The period of ``precision`` that contains ``value``."""
        precision = Precision(precision)
        if precision == Precision.MONTH:
            value = value.replace(day=1)
        elif precision == Precision.YEAR:
            value = value.replace(month=1, day=1)
        return cls(value, precision, Qualifier(qualifier))

    @property
    def approximate(self) -> bool:
        return self.qualifier == Qualifier.ABOUT

    @property
    def may_be_earlier(self) -> bool:
        """The true date may lie before the period stated ("on or before")."""
        return self.qualifier == Qualifier.ON_OR_BEFORE

    @property
    def may_be_later(self) -> bool:
        """The true date may lie after the period stated ("on or after")."""
        return self.qualifier == Qualifier.ON_OR_AFTER

    @property
    def earliest(self) -> date:
        return self.value

    @property
    def latest(self) -> date:
        if self.precision == Precision.DAY:
            return self.value
        if self.precision == Precision.MONTH:
            last_day = calendar.monthrange(self.value.year, self.value.month)[1]
            return self.value.replace(day=last_day)
        return self.value.replace(month=12, day=31)

    def isoformat(self) -> str:
        if self.precision == Precision.DAY:
            return self.value.isoformat()
        if self.precision == Precision.MONTH:
            return self.value.strftime("%Y-%m")
        return str(self.value.year)

    def edtf(self) -> str:
        """The date in the Extended Date/Time Format (ISO 8601-2), which says what ISO 8601
        cannot: "2011-11~" (about), "[..2011-07-08]" (on or before), "[2011-07-08..]" (on or
        after). A date as stated is its plain ISO form."""
        text = self.isoformat()
        if self.qualifier == Qualifier.ABOUT:
            return f"{text}~"
        if self.qualifier == Qualifier.ON_OR_BEFORE:
            return f"[..{text}]"
        if self.qualifier == Qualifier.ON_OR_AFTER:
            return f"[{text}..]"
        return text

    def __str__(self) -> str:
        if self.qualifier in _QUALIFIED:
            return str(_QUALIFIED[Qualifier(self.qualifier)] % {"date": self.period_text()})
        return self.period_text()

    def period_text(self) -> str:
        """The period stated, without its qualifier."""
        if self.precision == Precision.DAY:
            return _day(self.value)
        if self.precision == Precision.MONTH:
            # F: the month's name in the active language ("December", "Декабрь").
            return dateformat.format(self.value, "F Y")
        return str(self.value.year)

    def may_be_before(self, other: PartialDate | date) -> bool:
        """Whether this date could fall on or before ``other`` (their bounds allow it)."""
        if self.may_be_earlier or (isinstance(other, PartialDate) and other.may_be_later):
            return True
        return self.earliest <= _latest(other)

    def contains(self, day: date) -> bool:
        return self.earliest <= day <= self.latest


# The same bounds in SQL, for querysets that compare partial dates of every row at once. Every
# query that compares bounds goes through these two, so the rule is the one written above.


def earliest_on_or_before(prefix: str, day: date) -> models.Q:
    """Rows whose partial date ``prefix`` began on or before ``day``: ``earliest <= day`` in SQL.

    A coarse date is compared with the end of ``day``'s month or year, so that it counts from the
    first day of its period, as ``PartialDate.of`` reads it, whichever day of it is stored.
    """
    bounds = {
        Precision.DAY: day,
        Precision.MONTH: PartialDate.of(day, Precision.MONTH).latest,
        Precision.YEAR: PartialDate.of(day, Precision.YEAR).latest,
    }
    condition = models.Q()
    for precision, bound in bounds.items():
        condition |= models.Q(**{f"{prefix}_precision": precision, f"{prefix}_on__lte": bound})
    return condition


class PeriodEnd(models.Func):
    """The last day of a stored partial date's period, in SQL: what ``PartialDate.latest`` gives.

    ``PeriodEnd.of("ended")`` (or ``PeriodEnd("ended_on", "ended_precision")``) lets one query
    compare the bounds of partial dates as the Python side does, for every row at once. Like
    ``PartialDate.of`` it finds the period from any day in it, though the stored value should be
    its first. NULL stays NULL.
    """

    arity = 2
    output_field = models.DateField()
    # The end of the period that starts on {value}; {period} is "month" or "year".
    SQLITE = "date({value}, 'start of {period}', '+1 {period}', '-1 day')"
    POSTGRESQL = (
        "(date_trunc('{period}', {value}::timestamp) + interval '1 {period}' - interval '1 day')"
        "::date"
    )

    def __init__(self, value: str | Combinable, precision: str | Combinable) -> None:
        super().__init__(value, precision)

    @classmethod
    def of(cls, prefix: str) -> PeriodEnd:
        """The latest day of the partial date ``prefix``, which may follow a relation."""
        return cls(f"{prefix}_on", f"{prefix}_precision")

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        return self._by_precision(compiler, self.SQLITE)

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        return self._by_precision(compiler, self.POSTGRESQL)

    def as_sql(self, *args: Any, **kwargs: Any) -> tuple[str, list[Any]]:
        raise NotSupportedError("PeriodEnd is written for SQLite and PostgreSQL only.")

    def _by_precision(self, compiler: SQLCompiler, period_end: str) -> tuple[str, list[Any]]:
        value_expression, precision_expression = self.get_source_expressions()
        value, value_params = compiler.compile(value_expression)
        precision, precision_params = compiler.compile(precision_expression)
        month = period_end.format(value=value, period="month")
        year = period_end.format(value=value, period="year")
        sql = f"CASE {precision} WHEN %s THEN {month} WHEN %s THEN {year} ELSE {value} END"
        month_params = [Precision.MONTH.value, *value_params]
        year_params = [Precision.YEAR.value, *value_params]
        return sql, [*precision_params, *month_params, *year_params, *value_params]


class _DateShift(models.Func):
    """A date moved by a number of days or months, in SQL, as ``add_months`` does in Python."""

    arity = 2
    output_field = models.DateField()
    SQLITE = ""
    POSTGRESQL = ""

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        return self._render(compiler, self.SQLITE)

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        return self._render(compiler, self.POSTGRESQL)

    def as_sql(self, *args: Any, **kwargs: Any) -> tuple[str, list[Any]]:
        raise NotSupportedError(f"{type(self).__name__} is written for SQLite and PostgreSQL only.")

    def _render(self, compiler: SQLCompiler, template: str) -> tuple[str, list[Any]]:
        # Each operand may appear several times in the template: repeat its parameters in the
        # order the placeholders appear.
        (day_sql, day_params), (by_sql, by_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        pieces = re.split(r"(\{day\}|\{by\})", template)
        params: list[Any] = []
        for piece in pieces:
            if piece == "{day}":
                params.extend(day_params)
            elif piece == "{by}":
                params.extend(by_params)
        return template.format(day=day_sql, by=by_sql), params


class AddDays(_DateShift):
    """``day + by`` days in SQL."""

    SQLITE = "date({day}, '+' || ({by}) || ' days')"
    POSTGRESQL = "(({day})::date + ({by})::integer)"


class AddMonths(_DateShift):
    """``add_months(day, by)`` in SQL: the same day ``by`` months later, clamped to the end of a
    shorter month (31 January + 1 month is 28 or 29 February)."""

    # SQLite's own '+N months' overflows into the next month; build the clamped day by hand: the
    # first of the target month, plus the smaller of the day and that month's length, less one.
    SQLITE = (
        "date({day}, 'start of month', '+' || ({by}) || ' months', '+' || (min("
        "CAST(strftime('%%d', {day}) AS INTEGER), "
        "CAST(strftime('%%d', date({day}, 'start of month', '+' || (({by}) + 1) || ' months', "
        "'-1 day')) AS INTEGER)) - 1) || ' days')"
    )
    POSTGRESQL = "(({day})::date + make_interval(months => ({by})::integer))::date"


# What a page says where a partial date is unknown (NULL), rather than "None".
UNKNOWN_DATE = _("date not known")


def date_text(partial: PartialDate | None) -> str:
    """The date in words, or "date not known" for an unknown one."""
    return str(partial) if partial is not None else str(UNKNOWN_DATE)


def period_text(start: PartialDate | None, end: PartialDate | None) -> str:
    """A period in words: "16 December 2011" for a single day (not "16 December 2011 – 16
    December 2011"), "until 17 December 2011" when only the end is known."""
    if end is None or end == start:
        return date_text(start)
    if start is None:
        return str(_("until %(date)s") % {"date": end})
    return f"{start} – {end}"


def undated_last(field: str, *, descending: bool = False) -> models.OrderBy:
    """Order by the partial date column ``field`` (``held_on``, ``case__opened_on``) with the
    undated rows last, whichever way and on every database: SQLite sorts NULL first, PostgreSQL
    last."""
    column = models.F(field)
    return column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)


def _day(value: date) -> str:
    # E: the month's name as it follows a day number ("16 December", "16 декабря").
    return dateformat.format(value, "j E Y")


def _latest(value: PartialDate | date) -> date:
    return value.latest if isinstance(value, PartialDate) else value


def _qualified(value: PartialDate | date) -> PartialDate:
    return value if isinstance(value, PartialDate) else PartialDate(value, Precision.DAY)


@dataclass(frozen=True)
class DayRange:
    """A number of days known to lie between ``shortest`` and ``longest`` (inclusive).

    ``open_ended`` means no end is known: the figures count only to the last day we know of, so
    the true number is at least ``shortest``. ``approximate`` means a date counted from is
    itself approximate ("about 5 November"): so are the figures.
    """

    shortest: int
    longest: int
    open_ended: bool = False
    approximate: bool = False

    @property
    def exact(self) -> bool:
        return self.shortest == self.longest and not self.open_ended and not self.approximate

    def __add__(self, other: DayRange) -> DayRange:
        return DayRange(
            self.shortest + other.shortest,
            self.longest + other.longest,
            self.open_ended or other.open_ended,
            self.approximate or other.approximate,
        )

    def __str__(self) -> str:
        if self.approximate:
            return str(_("about %(days)s") % {"days": replace(self, approximate=False)})
        if self.open_ended and self.shortest == 0:
            return str(_("length not known"))
        if self.open_ended:
            return ngettext("at least %(n)s day", "at least %(n)s days", self.shortest) % {
                "n": self.shortest
            }
        if self.exact:
            return ngettext("%(n)s day", "%(n)s days", self.shortest) % {"n": self.shortest}
        # The plural follows the last number read: "2–5 days", "21–31 дня".
        return ngettext(
            "%(shortest)s–%(longest)s day", "%(shortest)s–%(longest)s days", self.longest
        ) % {"shortest": self.shortest, "longest": self.longest}


def days_between(start: PartialDate | date, end: PartialDate | date) -> DayRange:
    """Days from ``start`` to ``end`` (end minus start), given only their bounds.

    A release on the day of arrest counts 0 days; a 15-day arrest from the 1st ends on the 16th.
    A start that may be earlier, or an end that may be later, than stated leaves the figure open
    (at least the shortest); a start that may be later, or an end that may be earlier, lets the
    shortest fall to 0.
    """
    start, end = _qualified(start), _qualified(end)
    if not start.may_be_before(end):
        raise ValueError(f"{end} is before {start}")
    longest = (end.latest - start.earliest).days
    shortest = 0
    if not (start.may_be_later or end.may_be_earlier):
        shortest = max(0, (end.earliest - start.latest).days)
    return DayRange(
        shortest,
        max(shortest, longest),
        open_ended=start.may_be_earlier or end.may_be_later,
        approximate=start.approximate or end.approximate,
    )


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


# The dates researchers may enter. Derived dates (a release, a count of days) are computed from
# them and must stay inside the calendar, which ends in 9999.
EARLIEST = date(1900, 1, 1)
OUT_OF_WINDOW = _("Enter a date between 1 January 1900 and ten years from today.")
# What the database keeps, whatever writes the row: fixed, since a constraint cannot read the
# clock, and wide enough that the window above stays inside it for generations.
STORED_FROM, STORED_UNTIL = EARLIEST, date(2199, 12, 31)


def ten_years_ahead() -> date:
    """The latest date a researcher may enter: a scheduled hearing or release, not a typo."""
    return add_months(timezone.localdate(), 120)


def partial_date_fields(
    verbose_name: StrOrPromise, *, required: bool = False, help_text: StrOrPromise = ""
) -> tuple[Any, Any, Any]:
    """The columns of a partial date, empty while unknown unless ``required``:
    ``x_on, x_precision, x_qualifier = partial_date_fields("x")``."""
    value: Any = models.DateField(
        verbose_name,
        null=not required,
        blank=not required,
        help_text=help_text
        or _("The first day of the period known: 1 September 2011 for 'September 2011'."),
        validators=[
            MinValueValidator(EARLIEST, message=OUT_OF_WINDOW),
            MaxValueValidator(ten_years_ahead, message=OUT_OF_WINDOW),
        ],
    )
    precision: Any = models.CharField(
        _("%(name)s precision") % {"name": verbose_name},
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("How much of the date the source states; never more than that."),
    )
    qualifier: Any = models.CharField(
        _("%(name)s qualifier") % {"name": verbose_name},
        max_length=12,
        choices=Qualifier.choices,
        default=Qualifier.STATED,
        # Rows written around the models (scripts, older code) are "as stated" too.
        db_default=Qualifier.STATED,
        blank=True,
        help_text=_(
            "'About' for an approximate date; 'on or before' for 'before 8 July' or 'by July' "
            "(and for a report that the fact already held on its date); 'on or after' for "
            "'after' or 'since'."
        ),
    )
    return value, precision, qualifier


class PartialDateAttribute:
    """Reads and writes the columns of ``partial_date_fields(prefix)`` as one PartialDate."""

    def __init__(self, prefix: str) -> None:
        self.value_field = f"{prefix}_on"
        self.precision_field = f"{prefix}_precision"
        self.qualifier_field = f"{prefix}_qualifier"

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = getattr(instance, self.value_field)
        if value is None:
            return None
        return PartialDate.of(
            value, getattr(instance, self.precision_field), getattr(instance, self.qualifier_field)
        )

    def __set__(self, instance: Any, partial: PartialDate | None) -> None:
        setattr(instance, self.value_field, partial.value if partial else None)
        setattr(instance, self.qualifier_field, partial.qualifier if partial else Qualifier.STATED)
        if partial:
            setattr(instance, self.precision_field, partial.precision)


def check_order(start: PartialDate | None, end: PartialDate | None, *, end_field: str) -> None:
    """Refuse an end that cannot be on or after its start, whatever the unknown parts are."""
    if start and end and not start.may_be_before(end):
        raise ValidationError(
            {
                end_field: _("The end (%(end)s) is before the start (%(start)s).")
                % {"end": end, "start": start}
            }
        )


def end_not_before_start(model: str, start: str, end: str) -> models.CheckConstraint:
    """Database side of ``check_order``.

    Exact when the end is known to the day; a coarser end ("December 2011") is stored as its first
    day and may legitimately sort before a day-precise start in the same period, so the database
    lets it through and ``clean()`` compares the bounds. So does a start that may be earlier, or
    an end that may be later, than stated.
    """
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}_on__isnull": True})
        | models.Q(**{f"{start}_on__isnull": True})
        | models.Q(**{f"{end}_on__gte": models.F(f"{start}_on")})
        | ~models.Q(**{f"{end}_precision": Precision.DAY})
        | models.Q(**{f"{start}_qualifier": Qualifier.ON_OR_BEFORE})
        | models.Q(**{f"{end}_qualifier": Qualifier.ON_OR_AFTER}),
        name=f"{model}_{end}_not_before_{start}",
    )


def partial_date_constraints(model: str, *prefixes: str) -> list[models.BaseConstraint]:
    """Every rule the database keeps for the partial dates ``prefixes`` of ``model``: in the
    window, stored on the first day of their period, and with a known qualifier, only on a date.
    """
    return [
        *partial_dates_in_window(model, *prefixes),
        *partial_dates_start_their_period(model, *prefixes),
        *(
            models.CheckConstraint(
                condition=models.Q(**{f"{prefix}_qualifier": Qualifier.STATED})
                | models.Q(
                    **{
                        f"{prefix}_on__isnull": False,
                        f"{prefix}_qualifier__in": Qualifier.values,
                    }
                ),
                name=f"{model}_{prefix}_qualifier_known",
                violation_error_message=_(
                    "A qualifier (about, on or before, on or after) needs a date to qualify."
                ),
            )
            for prefix in prefixes
        ),
    ]


def partial_dates_in_window(model: str, *prefixes: str) -> list[models.BaseConstraint]:
    """Database side of the fields' validators, one constraint per partial date of ``model``.

    Rows written around the forms (imports, scripts) could otherwise hold 9999-12-31, and every
    page that derives a date from it would fail.
    """
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{prefix}_on__isnull": True})
            | models.Q(**{f"{prefix}_on__range": (STORED_FROM, STORED_UNTIL)}),
            name=f"{model}_{prefix}_in_window",
            violation_error_message=_("Enter a date between 1900 and 2199."),
        )
        for prefix in prefixes
    ]


def partial_dates_start_their_period(model: str, *prefixes: str) -> list[models.BaseConstraint]:
    """Database side of ``PartialDate``'s own check, one constraint per partial date of ``model``.

    A month-precise date is stored on day 1, a year-precise one on 1 January, so that SQL can take
    the stored value as the period's first day (``earliest_on_or_before``, ``PeriodEnd``). A
    precision other than the three is refused too, as ``PartialDate`` refuses it.
    """
    constraints: list[models.BaseConstraint] = []
    for prefix in prefixes:
        value, precision = f"{prefix}_on", f"{prefix}_precision"
        constraints.append(
            models.CheckConstraint(
                condition=models.Q(**{f"{value}__isnull": True})
                | models.Q(**{precision: Precision.DAY})
                | models.Q(**{precision: Precision.MONTH, f"{value}__day": 1})
                | models.Q(**{precision: Precision.YEAR, f"{value}__month": 1, f"{value}__day": 1}),
                name=f"{model}_{prefix}_starts_its_period",
                violation_error_message=_(
                    "Enter the first day of the period known: 1 September 2011 for "
                    "'September 2011', 1 January 2011 for '2011'."
                ),
            )
        )
    return constraints


@dataclass(frozen=True)
class DateBounds:
    """A day known only to lie between ``earliest`` and ``latest``."""

    earliest: date
    latest: date

    def __str__(self) -> str:
        if self.earliest == self.latest:
            return _day(self.earliest)
        return _("between %(earliest)s and %(latest)s") % {
            "earliest": _day(self.earliest),
            "latest": _day(self.latest),
        }

    def shifted_by_months(self, months: int, *, longest: int | None = None) -> DateBounds | None:
        """The bounds ``months`` later (the latest bound ``longest`` months later, for a range
        of terms); None (unknown) when that is past the calendar's end.

        The fields' validators and constraints keep stored dates and terms well inside it; this
        is for whatever still gets through, so that a page shows nothing rather than failing.
        """
        try:
            return DateBounds(
                add_months(self.earliest, months), add_months(self.latest, longest or months)
            )
        except ValueError:  # date.replace: "year 10005 is out of range"
            return None
