"""Charts drawn on the server as SVG: geometry is computed here, templates only place it.

Every chart counts public records only, and carries its figures as text for screen readers. A
chart per month runs over every month of its span, an empty one as a zero bar, and says beside
its bars what is known only to the year, or not placed in a month at all (no date, or only "on or
before" or "on or after" one): it never puts such a date in a month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import Charge, ChargeEvent, Detention, Hearing, LegalArticle, Outcome
from cases.status import PersonStatus
from casetracker.partial_dates import Precision, Qualifier
from casetracker.site.people.selectors import status_counts
from events.models import Incident
from people.models import Person

BOUNDS_ONLY = (Qualifier.ON_OR_BEFORE, Qualifier.ON_OR_AFTER)
BAR_HEIGHT = 22
LABEL_WIDTH = 190
BAR_AREA = 240


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 7


@dataclass(frozen=True)
class BarChart:
    slug: str
    title: str
    bars: list[Bar]
    # Records the chart cannot place on a bar, as (year, count): dates known only to the year on
    # a chart per month. They are said beside the chart, never put in a month.
    year_only: tuple[tuple[int, int], ...] = ()
    # Records with no month to count them in: no date, or only a bound ("on or before").
    unplaced: int = 0
    # Said when a chart of people counts single people only, not groups described together.
    leaves_out_groups: bool = False

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * (BAR_HEIGHT + 4)

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_AREA + 40

    @property
    def bar_x(self) -> int:
        return LABEL_WIDTH

    @property
    def notes(self) -> list[str]:
        """What the bars leave out, in words: shown under the chart and read with it."""
        notes = [
            ngettext(
                "plus %(count)s in %(year)s known only to the year",
                "plus %(count)s in %(year)s known only to the year",
                count,
            )
            % {"count": count, "year": year}
            for year, count in self.year_only
        ]
        if self.unplaced:
            notes.append(
                ngettext(
                    "plus %(count)s with no month known (undated, or only before or after a date)",
                    "plus %(count)s with no month known (undated, or only before or after a date)",
                    self.unplaced,
                )
                % {"count": self.unplaced}
            )
        if self.leaves_out_groups:
            notes.append(_("people the sources count only as part of a group are not counted here"))
        return notes

    @property
    def description(self) -> str:
        return "; ".join([*(f"{bar.label}: {bar.value}" for bar in self.bars), *self.notes])


def bar_chart(
    slug: str,
    title: str,
    data: list[tuple[str, int]],
    year_only: dict[int, int] | None = None,
    unplaced: int = 0,
    *,
    leaves_out_groups: bool = False,
) -> BarChart:
    top = max((value for _label, value in data), default=0) or 1
    bars = [
        Bar(label, value, index * (BAR_HEIGHT + 4), round(BAR_AREA * value / top))
        for index, (label, value) in enumerate(data)
    ]
    return BarChart(
        slug, title, bars, tuple(sorted((year_only or {}).items())), unplaced, leaves_out_groups
    )


@dataclass(frozen=True)
class PerMonth:
    """Records counted by the month of a partial date, and those whose month is not known."""

    months: dict[date, int]  # every month from the first to the last with a record, zeros too
    year_only: dict[int, int]
    unplaced: int = 0


def _per_month(queryset: QuerySet, prefix: str) -> PerMonth:
    """Count ``queryset`` by the month of its partial date ``prefix`` (``started``, ``held``).

    A date known to the day or the month counts in its month. A date known only to the year is
    stored on 1 January (the database enforces the first day of the period), so it is counted
    for its year alone: putting it in January would invent a month. A record with no date, or
    only "on or before" or "on or after" one, has no month: it is counted apart. An approximate
    date counts in the month stated. One query.
    """
    rows = (
        queryset.values(
            f"{prefix}_precision", f"{prefix}_qualifier", month=TruncMonth(f"{prefix}_on")
        )
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    known: dict[date, int] = {}
    year_only: dict[int, int] = {}
    unplaced = 0
    for row in rows:
        month, n = row["month"], row["n"]
        if month is None or row[f"{prefix}_qualifier"] in BOUNDS_ONLY:
            unplaced += n
        elif row[f"{prefix}_precision"] == Precision.YEAR:
            year_only[month.year] = year_only.get(month.year, 0) + n
        else:
            known[month] = known.get(month, 0) + n
    return PerMonth(_every_month(known), year_only, unplaced)


def _every_month(counts: dict[date, int]) -> dict[date, int]:
    """``counts`` over every month from its first to its last, a month without records as 0."""
    if not counts:
        return {}
    month, last = min(counts), max(counts)
    months = {}
    while month <= last:
        months[month] = counts.get(month, 0)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _month_label(month: date) -> str:
    return f"{month:%Y-%m}"


def _per_month_chart(slug: str, title: str, counted: PerMonth) -> BarChart:
    data = [(_month_label(month), n) for month, n in counted.months.items()]
    return bar_chart(slug, title, data, counted.year_only, counted.unplaced)


def per_month_charts() -> list[BarChart]:
    return [
        _per_month_chart(
            "detentions-per-month",
            _("Detentions begun per month"),
            _per_month(Detention.objects.public(), "started"),
        ),
        _per_month_chart(
            "hearings-per-month",
            _("Hearings per month"),
            _per_month(Hearing.objects.public(), "held"),
        ),
    ]


CHARGE_ENDED = (
    ChargeEvent.Status.RECLASSIFIED,
    ChargeEvent.Status.DROPPED,
    ChargeEvent.Status.ACQUITTED,
)


def _stands() -> Q:
    """For a charge row: its article still stands, as the charge's history records it.

    Not reclassified into another charge (``reclassified_as``, or a "reclassified" step), not
    dropped, not acquitted. The history is read as it is now: an acquittal on appeal takes the
    charge out too.
    """
    replaced = Charge.objects.filter(reclassified_from=OuterRef("pk"))
    ended = ChargeEvent.objects.filter(charge=OuterRef("pk"), status__in=CHARGE_ENDED)
    return ~Exists(replaced) & ~Exists(ended)


def _convicted() -> Exists:
    """For a charge row: its history has a "convicted" step."""
    return Exists(
        ChargeEvent.objects.filter(charge=OuterRef("pk"), status=ChargeEvent.Status.CONVICTED)
    )


def sentences_by_article() -> BarChart:
    """Sentenced defendants per article they were sentenced under, each counted once per article.

    A defendant with a public sentence in a case counts under the articles of their charges in
    that case that stand (``_stands``): a charge reclassified into another counts under the new
    article only, a dropped or acquitted charge not at all. Where standing charges of the
    defendant in the case have a "convicted" step, those are the articles convicted, and the
    others of the case (still only brought) do not count. Without any "convicted" step, every
    standing charge counts: the sentence is all the record says.

    One query: each condition is an EXISTS on the charge's own rows.
    """
    # A semi-join, not a join through the case's hearings: PostgreSQL misjudged the join on
    # (case, defendant) and nested its loops over every sentence (680 ms at a million rows; 200).
    # The charge's history is read the same way, as semi- and anti-joins on the charge's key.
    sentenced = Outcome.objects.public().filter(
        hearing__case=OuterRef("case"), defendant=OuterRef("defendant"), sentence__isnull=False
    )
    convicted_in_the_case = Charge.objects.filter(
        _stands(), _convicted(), case=OuterRef("case"), defendant=OuterRef("defendant")
    )
    rows = (
        Charge.objects.public()
        .filter(defendant__kind=Person.Kind.INDIVIDUAL)
        .filter(Exists(sentenced), _stands())
        .filter(_convicted() | ~Exists(convicted_in_the_case))
        .values("article__code", "article__article", "article__part")
        .annotate(n=Count("defendant", distinct=True))
        .order_by("-n", "article__code", "article__article")
    )
    data = []
    for row in rows:
        if row["article__code"] is None:
            # Charges the source describes without an article: one bar, not dropped.
            data.append((str(_("no article given")), row["n"]))
            continue
        part = f".{row['article__part']}" if row["article__part"] else ""
        code = LegalArticle.Code(row["article__code"]).label
        data.append((f"{code}, {row['article__article']}{part}", row["n"]))
    return bar_chart(
        "sentences-by-article",
        _("Sentenced defendants by article"),
        data,
        leaves_out_groups=True,
    )


def people_by_status() -> BarChart:
    counts = status_counts(timezone.localdate())
    data = [(str(status.label), counts.get(status, 0)) for status in PersonStatus]
    return bar_chart(
        "people-by-status", _("People by current status"), data, leaves_out_groups=True
    )


def home_charts() -> list[BarChart]:
    return [*per_month_charts(), sentences_by_article(), people_by_status()]


MAP_WIDTH = 360
MAP_HEIGHT = 240
MAP_PADDING = 30


@dataclass(frozen=True)
class MapPoint:
    name: str
    url: str
    count: int
    x: int
    y: int

    @property
    def radius(self) -> int:
        return min(4 + 2 * self.count, 16)


def _share(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    """Where ``value`` lies between ``low`` and ``high`` (0 to 1); the middle when they meet."""
    return (value - low) / (high - low) if high > low else Decimal("0.5")


def incident_map() -> list[MapPoint]:
    """Places of public incidents, placed by longitude and latitude in the map's box."""
    rows = (
        Incident.objects.public()
        .filter(place__latitude__isnull=False)
        .values("place__name", "place__slug", "place__latitude", "place__longitude")
        .annotate(n=Count("pk"))
        .order_by("place__name")
    )
    places = list(rows)
    if not places:
        return []
    lats = [Decimal(p["place__latitude"]) for p in places]
    lons = [Decimal(p["place__longitude"]) for p in places]
    inner_w, inner_h = MAP_WIDTH - 2 * MAP_PADDING, MAP_HEIGHT - 2 * MAP_PADDING
    points = []
    for place, lat, lon in zip(places, lats, lons, strict=True):
        x = MAP_PADDING + int(_share(lon, min(lons), max(lons)) * inner_w)
        y = MAP_PADDING + int((1 - _share(lat, min(lats), max(lats))) * inner_h)  # north is up
        url = reverse("casetracker:place_detail", args=[place["place__slug"]])
        points.append(MapPoint(place["place__name"], url, place["n"], x, y))
    return points
