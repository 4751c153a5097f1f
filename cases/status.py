"""A person's status on a day, derived from their records: one rule, in SQL.

Lists, filters, exports, charts, the person's page and the admin all read the same annotations
(``with_status``), so a status is worked out one way everywhere. The rule, on day D:

1. **In custody**: a detention may have covered D (begun by then, and not known to have ended
   before it: a dated end, a known duration, or a release reported without a date end it; one
   whose start no source dates covers no day we could name), or D
   falls in an unsuspended prison term of a standing sentence (from the verdict to the expected
   release) with no release reported after the verdict.
2. **Released**: a standing prison sentence whose term has ended (reported release, or the
   expected release passed: *inferred*), or, with no standing sentence, a release reported
   (or a detention over by its known length: *inferred*; one no source dates is over that long
   after its first report).
3. **Non-custodial**: a standing sentence without a prison term (fine, suspended term ...).
4. **Charged**: a charge stands (not dropped or acquitted, no verdict yet, nor one no source
   dates).
5. **Unknown** otherwise.

A sentence *stands* on D when its outcome is the latest decision of the defendant's case by then
that imposed, changed or voided a sentence: a later sentence (changed on appeal) supersedes it,
an acquittal, dismissal or retrial voids it, an appeal rejected leaves it standing.

Each status carries the certainty of the records it rests on: the firmest of the detentions or
outcomes that give it, or *inferred* when we conclude it (a term that has run out).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cases.models import CUSTODIAL_KINDS, Charge, ChargeEvent, Detention, Outcome
from casetracker.footnotes import cited
from casetracker.models import Certainty, Citation
from casetracker.partial_dates import (
    AddDays,
    AddMonths,
    DayRange,
    PartialDate,
    PeriodEnd,
    Precision,
    Qualifier,
    earliest_on_or_before,
)
from people.models import Person


class PersonStatus(models.TextChoices):
    IN_CUSTODY = "in_custody", _("in custody")
    RELEASED = "released", _("released")
    NON_CUSTODIAL = "non_custodial", _("non-custodial sentence")
    CHARGED = "charged", _("charged, not in custody")
    UNKNOWN = "unknown", _("unknown")


# Outcomes that end a sentence's standing without imposing one.
VOIDING = (Outcome.Verdict.ACQUITTED, Outcome.Verdict.DISMISSED, Outcome.Verdict.RETRIAL)
# Decisions after which custody with no reported end goes on.
CUSTODY_GOES_ON = (Outcome.Verdict.ADJOURNED, Outcome.Verdict.REMANDED)


def _firmest_first() -> Case:
    return Case(
        *(When(certainty=value, then=Value(rank)) for rank, value in enumerate(Certainty.values)),
        output_field=models.IntegerField(),
    )


def _visible(queryset: Any, public: bool, via: str) -> QuerySet[Any]:
    # The outer row (the person, or the outcome) answers for itself.
    return queryset.public(except_via=(via,)) if public else queryset


def first_reported(*, public: bool = True) -> Subquery:
    """The last day of the earliest dated report of a detention (``OuterRef``): one that no
    source dates had begun by then, since a report tells of what has happened."""
    reports = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(Detention),
        object_id=OuterRef("pk"),
        source__published_on__isnull=False,
    )
    if public:
        reports = reports.public()
    report_end = PeriodEnd.of("source__published")
    return Subquery(
        reports.annotate(report_end=report_end).order_by("report_end").values("report_end")[:1],
        output_field=models.DateField(),
    )


def detention_end_latest(*, public: bool = True) -> Case:
    """The last day a detention may have lasted to; NULL while it has no known end.

    A release reported without a date is known to have come, not when: the detention is counted
    to its first day only, the least it certainly lasted. One that no source dates began by its
    first report (``first_reported``): its known length, or a release reported, ends it at the
    latest that long after the report.
    """
    return Case(
        When(ended_on__isnull=False, then=PeriodEnd.of("ended")),
        When(
            started_on__isnull=True,
            duration_days__isnull=False,
            then=AddDays(first_reported(public=public), F("duration_days")),
        ),
        When(started_on__isnull=True, release_reported=True, then=first_reported(public=public)),
        When(
            duration_days__isnull=False,
            then=AddDays(PeriodEnd.of("started"), F("duration_days")),
        ),
        When(release_reported=True, then=PeriodEnd.of("started")),
        default=None,
        output_field=models.DateField(),
    )


def _decisions_before(on: date, *, public: bool) -> QuerySet[Outcome]:
    """Decisions for the detained person (``OuterRef``) in the detention's case made before
    ``on``: they end custody in the case that has no reported end."""
    return (
        _visible(Outcome.objects.all(), public, "defendant")
        .filter(defendant=OuterRef("person"), hearing__case=OuterRef("case"))
        .exclude(verdict__in=CUSTODY_GOES_ON)
        .alias(held_latest=PeriodEnd.of("hearing__held"))
        .filter(held_latest__lt=on)
    )


def detentions_covering(on: date, *, public: bool = True) -> QuerySet[Detention]:
    """A person's detentions (``person=OuterRef("pk")``) that may have covered ``on``.

    Custody with no reported end lasts until a court decides the person's case: from then on a
    prison term (or a release) follows from the sentence.
    """
    return (
        _visible(Detention.objects.all(), public, "person")
        .filter(person=OuterRef("pk"))
        .alias(end_latest=detention_end_latest(public=public))
        .filter(earliest_on_or_before("started", on))
        .filter(
            Q(end_latest__gte=on)
            | Q(end_latest__isnull=True) & ~Exists(_decisions_before(on, public=public))
        )
    )


def _decided_by(on: date, public: bool) -> QuerySet[Outcome]:
    return _visible(Outcome.objects.all(), public, "defendant").filter(
        earliest_on_or_before("hearing__held", on)
    )


def superseding(on: date, *, public: bool = True) -> QuerySet[Outcome]:
    """Later decisions, by ``on``, that replace or void the sentence of the outcome
    ``OuterRef``: a new sentence in the same case for the same defendant, or an acquittal,
    dismissal or retrial."""
    later = _decided_by(on, public).filter(
        defendant=OuterRef("defendant"), hearing__case=OuterRef("hearing__case")
    )
    later = later.filter(
        Q(hearing__held_on__gt=OuterRef("hearing__held_on"))
        | Q(hearing__held_on=OuterRef("hearing__held_on"), pk__gt=OuterRef("pk"))
    )
    return later.filter(Q(sentence__isnull=False) | Q(verdict__in=VOIDING))


def standing_sentences(on: date, *, public: bool = True) -> QuerySet[Outcome]:
    """Outcomes with a sentence that stands on ``on``, of the person ``OuterRef("pk")``."""
    return (
        _decided_by(on, public)
        .filter(defendant=OuterRef("pk"), verdict__in=Outcome.CONVICTIONS, sentence__isnull=False)
        .exclude(Exists(superseding(on, public=public)))
    )


def custody_prefetches(
    on: date, *, public: bool = True, page_citations: bool = False
) -> list[Prefetch]:
    """What ``custody_spans``, ``days_detained`` and ``status_report`` read of a person, with
    the sentences' life on ``on``: their detentions and outcomes, with citations (and the
    hearings' and sentences' citations, for a page that footnotes them)."""
    detentions = Detention.objects.select_related("place", "authority", "case")
    outcomes = Outcome.objects.select_related("hearing__case", "hearing__court", "sentence")
    if public:
        detentions, outcomes = detentions.public(), outcomes.public()
    return [
        Prefetch("detentions", queryset=detentions.prefetch_related(cited())),
        Prefetch(
            "outcomes",
            queryset=with_sentence_life(
                outcomes.prefetch_related(
                    cited(),
                    *([cited("hearing"), cited("sentence")] if page_citations else []),
                ),
                on,
                public=public,
            ),
        ),
    ]


def with_sentence_life(outcomes: QuerySet[Outcome], on: date, *, public: bool = True) -> QuerySet:
    """``outcomes`` annotated for pages: ``superseded`` (a later decision replaced or voided
    the sentence by ``on``), ``release_reported`` after the verdict, the first such release's
    date if given (``released_on``, ``released_precision``) and an early release's
    (``released_early_on``, ``released_early_precision``)."""
    first_release = (
        releases_after_verdict(on, public=public)
        .filter(ended_on__isnull=False)
        .order_by("ended_on", "pk")
    )
    return outcomes.annotate(
        superseded=Exists(superseding(on, public=public)),
        released_on=Subquery(first_release.values("ended_on")[:1], output_field=models.DateField()),
        released_precision=Subquery(
            first_release.values("ended_precision")[:1], output_field=models.CharField()
        ),
        release_reported=Exists(releases_after_verdict(on, public=public)),
        released_early_on=Subquery(
            early_releases(on, public=public)
            .order_by("hearing__held_on", "pk")
            .values("hearing__held_on")[:1],
            output_field=models.DateField(),
        ),
        released_early_precision=Subquery(
            early_releases(on, public=public)
            .order_by("hearing__held_on", "pk")
            .values("hearing__held_precision")[:1],
            output_field=models.CharField(),
        ),
    )


def custody_start(*, public: bool = True) -> Subquery:
    """The latest day the defendant's custody in the outcome's case (``OuterRef``) may have
    begun: it is credited against the prison term."""
    custody = (
        _visible(Detention.objects.all(), public, "person")
        .filter(
            person=OuterRef("defendant"),
            case=OuterRef("hearing__case"),
            kind__in=CUSTODIAL_KINDS,
            # Custody of unknown dates cannot be credited by date (Outcome.custody_started).
            started_on__isnull=False,
        )
        .order_by("started_on", "pk")
        .annotate(started_latest=PeriodEnd.of("started"))
        .values("started_latest")[:1]
    )
    return Subquery(custody, output_field=models.DateField())


def term_end_latest(*, public: bool = True) -> AddMonths:
    """The latest expected release of an outcome's prison term (a group's longest term): from
    the start of custody in the case, or from the verdict when no custody is recorded."""
    start = Coalesce(custody_start(public=public), PeriodEnd.of("hearing__held"))
    return AddMonths(
        start, Coalesce(F("sentence__prison_months_max"), F("sentence__prison_months"))
    )


def releases_after_verdict(on: date, *, public: bool = True) -> QuerySet[Detention]:
    """Releases of the outcome's defendant (``OuterRef``) reported after its verdict, by ``on``:
    a detention that ended after the verdict day, or a prison detention whose release is
    reported without a date."""
    return (
        _visible(Detention.objects.all(), public, "person")
        .filter(person=OuterRef("defendant"))
        .filter(earliest_on_or_before("started", on))
        .filter(
            Q(ended_on__gt=OuterRef("hearing__held_on"), ended_on__lte=on)
            | Q(release_reported=True, kind=Detention.Kind.IMPRISONMENT)
            | Q(release_reported=True, started_on__gte=OuterRef("hearing__held_on"))
        )
    )


def early_releases(on: date, *, public: bool = True) -> QuerySet[Outcome]:
    """Decisions by ``on`` that released the outcome's defendant (``OuterRef``) early from its
    sentence, in its case: parole, amnesty, pardon."""
    return (
        _decided_by(on, public)
        .filter(
            defendant=OuterRef("defendant"),
            hearing__case=OuterRef("hearing__case"),
            verdict=Outcome.Verdict.RELEASED_EARLY,
        )
        .filter(hearing__held_on__gte=OuterRef("hearing__held_on"))
    )


def prison_terms(on: date, *, public: bool = True) -> QuerySet[Any]:
    """Standing sentences of the person ``OuterRef("pk")`` with a prison term to serve."""
    return (
        standing_sentences(on, public=public)
        .filter(sentence__prison_months__gt=0)
        .alias(
            term_end=term_end_latest(public=public),
            released=Exists(releases_after_verdict(on, public=public))
            | Exists(early_releases(on, public=public)),
        )
    )


def _releases(on: date, *, public: bool) -> QuerySet[Detention]:
    # A detention of unknown start ended by its latest end all the same (``detention_end_latest``).
    return (
        _visible(Detention.objects.all(), public, "person")
        .filter(person=OuterRef("pk"))
        .filter(earliest_on_or_before("started", on) | Q(started_on__isnull=True))
        .alias(end_latest=detention_end_latest(public=public))
        .filter(end_latest__lt=on)
    )


def _standing_charges(on: date, *, public: bool) -> QuerySet[Charge]:
    ended = ChargeEvent.objects.filter(
        charge=OuterRef("pk"),
        status__in=[ChargeEvent.Status.DROPPED, ChargeEvent.Status.ACQUITTED],
    ).filter(earliest_on_or_before("occurred", on))
    decided = _visible(Outcome.objects.all(), public, "defendant").filter(
        defendant=OuterRef("defendant"), hearing__case=OuterRef("case")
    )
    # A decision no source dates may have come by then: the charge is not known to stand.
    decided = decided.filter(
        earliest_on_or_before("hearing__held", on) | Q(hearing__held_on__isnull=True)
    )
    return (
        _visible(Charge.objects.all(), public, "defendant")
        .filter(defendant=OuterRef("pk"))
        .filter(Q(case__opened_on__isnull=True) | earliest_on_or_before("case__opened", on))
        .exclude(Exists(ended))
        .exclude(Exists(decided))
    )


def _certainty_of(queryset: QuerySet) -> Subquery:
    return Subquery(queryset.order_by(_firmest_first()).values("certainty")[:1])


def status_expressions(on: date, *, public: bool = True) -> tuple[Case, Case]:
    """The status and its certainty on ``on``, as SQL over a queryset of people.

    ``public`` reads public records only, as every public page must; the admin passes False to
    see drafts too.
    """
    held = detentions_covering(on, public=public)
    terms = prison_terms(on, public=public)
    serving = terms.filter(term_end__gte=on, released=False)
    served = terms.exclude(term_end__gte=on, released=False)
    # An administrative arrest is served in custody: once over, it leaves no standing penalty
    # that is not custodial.
    standing = standing_sentences(on, public=public).exclude(sentence__arrest_days__gt=0)
    early_released = _decided_by(on, public).filter(
        defendant=OuterRef("pk"), verdict=Outcome.Verdict.RELEASED_EARLY
    )
    released = _releases(on, public=public)
    # The latest release decides; one over by its known length, with no release reported, is
    # our conclusion.
    last_release_certainty = Subquery(
        released.annotate(
            release_certainty=Case(
                When(
                    ended_on__isnull=True,
                    release_reported=False,
                    then=Value(Certainty.INFERRED.value),
                ),
                default=F("certainty"),
            )
        )
        .order_by("-end_latest", "-pk")
        .values("release_certainty")[:1]
    )
    charged = _standing_charges(on, public=public)
    status = Case(
        When(Exists(held) | Exists(serving), then=Value(PersonStatus.IN_CUSTODY.value)),
        When(Exists(served), then=Value(PersonStatus.RELEASED.value)),
        When(Exists(standing), then=Value(PersonStatus.NON_CUSTODIAL.value)),
        When(Exists(released), then=Value(PersonStatus.RELEASED.value)),
        When(Exists(charged), then=Value(PersonStatus.CHARGED.value)),
        default=Value(PersonStatus.UNKNOWN.value),
        output_field=models.CharField(),
    )
    certainty = Case(
        When(Exists(held), then=_certainty_of(held)),
        When(Exists(serving), then=_certainty_of(serving)),
        When(
            Exists(served.filter(released=True)),
            then=Coalesce(last_release_certainty, _certainty_of(early_released)),
        ),
        # A term that ran out with no release reported: the release is our conclusion.
        When(Exists(served), then=Value(Certainty.INFERRED.value)),
        When(Exists(standing), then=_certainty_of(standing)),
        When(Exists(released), then=last_release_certainty),
        When(Exists(charged), then=Value(Certainty.REPORTED.value)),
        default=Value(""),
        output_field=models.CharField(),
    )
    return status, certainty


def with_status(people: QuerySet[Person], on: date, *, public: bool = True) -> QuerySet[Any]:
    """``people`` annotated with ``derived_status`` and ``status_certainty`` on ``on``."""
    status, certainty = status_expressions(on, public=public)
    return people.annotate(derived_status=status, status_certainty=certainty)


def in_status(people: QuerySet[Person], status: str, on: date) -> QuerySet[Person]:
    """The public status filter: ``people`` whose status on ``on`` is ``status``."""
    expression, _certainty = status_expressions(on)
    return people.alias(status_filtered=expression).filter(status_filtered=status)


@dataclass(frozen=True)
class StatusReport:
    """A person's status as a page states it: the status, how firm it is, and as of when."""

    status: PersonStatus
    certainty: Certainty | None
    as_of: date | None
    """The newest source date the status rests on: a release is only known once reported."""

    @property
    def phrase(self) -> str:
        """The status with its certainty in words: 'reportedly in custody'."""
        label = str(self.status.label)
        if self.certainty == Certainty.UNCONFIRMED:
            return str(_("reportedly %(status)s") % {"status": label})
        if self.certainty == Certainty.INFERRED:
            return str(_("%(status)s (our inference)") % {"status": label})
        return label

    def __str__(self) -> str:
        if self.as_of is None:
            return self.phrase
        return str(
            _("%(status)s, as of %(date)s")
            % {"status": self.phrase, "date": PartialDate.of(self.as_of, "day")}
        )


def status_report(person: Person, on: date) -> StatusReport:
    """The status ``with_status`` annotated on ``person``, dated by the newest public source, up
    to ``on``, cited for the person or their detentions and outcomes.

    Reads ``public_citations`` of the person, ``detentions`` and ``outcomes``: prefetch them.
    """
    cited = [*person.public_citations]
    for record in (*person.detentions.all(), *person.outcomes.all()):
        cited.extend(record.public_citations)
    source_dates = [
        citation.source.published.latest
        for citation in cited
        if citation.source.published and citation.source.published.earliest <= on
    ]
    certainty = getattr(person, "status_certainty", "")
    return StatusReport(
        PersonStatus(person.derived_status),  # type: ignore[attr-defined]
        Certainty(certainty) if certainty else None,
        min(max(source_dates), on) if source_dates else None,
    )


def _known_until(detention: Detention, on: date) -> date:
    """The last day an open detention is known to have lasted: the newest public source that
    reports it, up to ``on``; its start when no source is dated."""
    dates = [
        citation.source.published.latest
        for citation in detention.public_citations
        if citation.source.published and citation.source.published.earliest <= on
    ]
    return max([detention.started.latest, *dates]) if dates else detention.started.latest


class Span(NamedTuple):
    """One period of deprivation of liberty as the bounds of half-open day spans: the days it
    certainly covered (``certain_from`` to ``certain_until``), the days it may have covered, and
    whether it is open (no end known, or a bound that may lie further out) or approximate."""

    certain_from: date
    certain_until: date
    possible_from: date
    possible_until: date
    open_ended: bool
    approximate: bool = False


def _first_decision(detention: Detention) -> PartialDate | None:
    """When a court first decided the detained person's case after the detention began; reads
    the prefetched ``outcomes`` of the person."""
    if detention.case_id is None:
        return None
    held = [
        outcome.hearing.held
        for outcome in detention.person.outcomes.all()
        if outcome.hearing.case_id == detention.case_id
        and outcome.verdict not in CUSTODY_GOES_ON
        and outcome.hearing.held is not None
        and outcome.hearing.held.latest >= detention.started.earliest
    ]
    return min(held, key=lambda day: day.earliest) if held else None


def _qualified_span(start: PartialDate, end: PartialDate, on: date, *, is_open: bool) -> Span:
    """The span from ``start`` to ``end``, cut at ``on``, as their qualifiers allow: a start
    that may be later, or an end that may be earlier, than stated leaves no day certain; a start
    that may be earlier, or an end that may be later, leaves the span open."""
    certain_from = start.latest
    certain_until = min(end.earliest, on)
    if start.may_be_later or end.may_be_earlier:
        certain_until = certain_from
    return Span(
        certain_from,
        certain_until,
        start.earliest,
        min(end.latest, on),
        is_open or start.may_be_earlier or end.may_be_later,
        start.approximate or end.approximate,
    )


def _detention_span(detention: Detention, on: date) -> Span | None:
    start = detention.started
    if start is None or start.earliest > on:
        # Undated: no day of it can be placed (``undated_days`` counts its length).
        return None
    if detention.ended is not None:
        return _qualified_span(start, detention.ended, on, is_open=False)
    if detention.duration_days is not None:
        # A known length: its days are known wherever in the period stated it began.
        length = timedelta(days=detention.duration_days)
        return Span(
            start.latest,
            min(start.earliest + length, on),
            start.earliest,
            min(start.latest + length, on),
            open_ended=False,
            approximate=start.approximate,
        )
    if detention.release_reported:
        # Released on a day not given: certain only of its first day, possibly to the report.
        end = PartialDate(_known_until(detention, on), Precision.DAY, Qualifier.ON_OR_BEFORE)
        return _qualified_span(start, end, on, is_open=False)
    if (decided := _first_decision(detention)) is not None:
        # Custody with no reported end lasts until a court decides the case.
        return _qualified_span(start, decided, on, is_open=False)
    # No end reported: counted to the newest report of it, and at least that long.
    known_until = PartialDate(_known_until(detention, on), Precision.DAY)
    return _qualified_span(start, known_until, on, is_open=True)


def _custody_until_verdict(person: Person, outcome: Outcome) -> list[date]:
    """The days by which the defendant's custody in the outcome's case certainly began, for
    custody with no reported end: it lasted until the verdict, so the prison term goes on from
    it without a break (as ``Outcome.expected_release`` credits it)."""
    verdict = outcome.hearing.held
    return [
        detention.started.latest
        for detention in person.detentions.all()
        if detention.started is not None
        and detention.case_id == outcome.hearing.case_id
        and detention.kind in CUSTODIAL_KINDS
        and detention.ended is None
        and detention.duration_days is None
        and not detention.release_reported
        and detention.started.may_be_before(verdict)
    ]


def custody_spans(person: Person, on: date) -> list[Span]:
    """Each period of deprivation of liberty up to ``on``, as a ``Span``.

    From the person's detentions (a dated end, a known duration, or an open end counted to the
    newest report) and the prison terms of standing sentences (from the verdict to the reported
    release, or to the expected release, or to ``on`` while it runs). Reads ``detentions``
    (with ``public_citations``) and ``outcomes`` annotated by ``with_sentence_life``.
    """
    spans = [
        span
        for detention in person.detentions.all()
        if (span := _detention_span(detention, on)) is not None
    ]
    for outcome in person.outcomes.all():
        sentence = getattr(outcome, "sentence", None)
        verdict = outcome.hearing.held
        if (
            outcome.superseded
            or not outcome.is_conviction
            or sentence is None
            or not sentence.prison_months
            # An undated verdict: the term served cannot be placed in time.
            or verdict is None
            or verdict.earliest > on
        ):
            continue
        release = outcome.expected_release()
        reported_releases = [
            PartialDate.of(day, precision)
            for day, precision in (
                (outcome.released_on, outcome.released_precision),
                (outcome.released_early_on, outcome.released_early_precision),
            )
            if day is not None
        ]
        if reported_releases:
            reported = min(reported_releases, key=lambda release: release.earliest)
            end_soonest, end_latest = reported.earliest, reported.latest
        elif release is not None and not outcome.release_reported:
            end_soonest, end_latest = release.earliest, release.latest
        else:
            # Released on a day not given, or no end to count to: the verdict day is certain.
            end_soonest = end_latest = verdict.latest
        is_open = end_latest > on and not reported_releases
        spans.append(
            Span(
                min([verdict.latest, *_custody_until_verdict(person, outcome)]),
                min(end_soonest, on),
                verdict.earliest,
                min(end_latest, on),
                is_open,
                verdict.approximate,
            )
        )
    return spans


def _covered(spans: list[tuple[date, date]]) -> int:
    """Days covered by half-open spans, overlaps counted once."""
    total, reached = 0, date.min
    for start, end in sorted(spans):
        start = max(start, reached)
        if end > start:
            total += (end - start).days
        reached = max(reached, end)
    return total


def undated_days(detention: Detention) -> DayRange | None:
    """The days of a detention whose start no source dates ("held for five days"): its length
    when given, else not known (at least none); None for a dated detention.

    Having no dates, it cannot be cut at a day, nor merged with the periods it may overlap.
    """
    if detention.started is not None:
        return None
    if detention.duration_days is not None:
        return DayRange(detention.duration_days, detention.duration_days)
    return DayRange(0, 0, open_ended=True)


def _days(spans: list[Span], undated: list[DayRange] | None = None) -> DayRange:
    """The days the dated ``spans`` cover, overlaps merged, and the ``undated`` periods: each
    of these may lie inside another period (the shortest counts the longest of them once) or
    apart from all (the longest adds them all)."""
    undated = undated or []
    dated = DayRange(
        _covered([(span.certain_from, span.certain_until) for span in spans]),
        _covered([(span.possible_from, span.possible_until) for span in spans]),
        open_ended=any(span.open_ended for span in spans),
        approximate=any(span.approximate for span in spans),
    )
    if not undated:
        return dated
    return DayRange(
        max(dated.shortest, *(days.shortest for days in undated)),
        dated.longest + sum(days.longest for days in undated),
        open_ended=dated.open_ended or any(days.open_ended for days in undated),
        approximate=dated.approximate or any(days.approximate for days in undated),
    )


def detention_days(detention: Detention, on: date) -> DayRange | None:
    """Days of one detention up to ``on``: see ``days_detained``. An undated one counts its
    length, whenever it was (``undated_days``)."""
    if (undated := undated_days(detention)) is not None:
        return undated
    span = _detention_span(detention, on)
    return None if span is None else _days([span])


def days_detained(person: Person, on: date) -> DayRange | None:
    """Days deprived of liberty up to ``on``, overlaps merged; None when nothing is recorded.

    The shortest figure counts only what is certain of each period, the longest what its bounds
    allow; an open period (no release reported, or a term still running) makes it a lower bound.
    A detention no source dates counts its length (``undated_days``): it may overlap the others,
    so the shortest figure is at least its length, and the longest adds it in full.
    """
    spans = custody_spans(person, on)
    undated = [
        days
        for detention in person.detentions.all()
        if (days := undated_days(detention)) is not None
    ]
    return _days(spans, undated) if spans or undated else None


def outcome_details(outcome: Outcome) -> list[str]:
    """What a page says of an outcome: the verdict, the sentence, and the expected release of
    a sentence that stands, or that a later decision superseded it; the outcome's note.

    Reads the annotations of ``with_sentence_life``.
    """
    details = [outcome.get_verdict_display()]
    sentence = getattr(outcome, "sentence", None)
    if sentence is not None:
        details.extend(sentence.terms())
        if outcome.superseded:  # type: ignore[attr-defined]  # with_sentence_life
            details.append(str(_("superseded by a later decision")))
        elif (release := outcome.expected_release()) is not None:
            details.append(str(_("expected release: %(date)s") % {"date": release}))
            if outcome.undated_custody():
                details.append(str(_("custody of unknown dates not credited")))
    if outcome.note:
        details.append(outcome.note)
    return details
