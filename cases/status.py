"""A person's status derived from their records: detained, sentenced, released or unknown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Detention, Outcome
from casetracker.partial_dates import PeriodEnd, earliest_on_or_before
from people.models import Person


class PersonStatus(models.TextChoices):
    DETAINED = "detained", _("detained")
    SENTENCED = "sentenced", _("sentenced, not in custody")
    RELEASED = "released", _("released")
    UNKNOWN = "unknown", _("unknown")


@dataclass(frozen=True)
class StatusReport:
    status: PersonStatus
    as_of: date | None
    """The newest source date the status rests on: a release is only known once reported."""


def status_of(person: Person, on: date | None = None) -> StatusReport:
    """The person's status on ``on`` (today by default), from their detentions and outcomes.

    In custody on the day (by the bounds of partial dates) means detained; otherwise whichever
    came last of a conviction and a release decides. ``as_of`` is the latest publication date,
    up to ``on``, of the sources cited for the person or these records.
    Reads ``detentions``, ``outcomes__hearing`` and their ``public_citations``: prefetch them
    for lists.
    """
    on = on or timezone.localdate()
    detentions = [d for d in person.detentions.all() if d.started.earliest <= on]
    outcomes = [o for o in person.outcomes.all() if o.hearing.held.earliest <= on]

    in_custody = any(d.ended is None or d.ended.latest >= on for d in detentions)
    releases = [d.ended.latest for d in detentions if d.ended is not None and d.ended.latest < on]
    convictions = [o.hearing.held.latest for o in outcomes if o.is_conviction]
    if in_custody:
        status = PersonStatus.DETAINED
    elif convictions and (not releases or max(convictions) > max(releases)):
        status = PersonStatus.SENTENCED
    elif releases:
        status = PersonStatus.RELEASED
    else:
        status = PersonStatus.UNKNOWN

    cited = [*person.public_citations]
    for record in (*detentions, *outcomes):
        cited.extend(record.public_citations)
    source_dates = [
        citation.source.published.latest
        for citation in cited
        if citation.source.published and citation.source.published.earliest <= on
    ]
    as_of = min(max(source_dates), on) if source_dates else None
    return StatusReport(status, as_of)


def status_expression(on: date) -> Case:
    """``status_of(person, on).status`` in SQL, to filter or count every person in one query.

    The same rule over the same public records (``casetracker.site.people.selectors``
    prefetches them for ``status_of``); tests/cases/test_status_sql.py holds the two to
    agreement. For a queryset of people:
    ``.alias(derived_status=status_expression(on)).filter(derived_status=...)``.
    """
    # Whose records they are is the outer query's to decide: a person's own public records give
    # their status, so the person is not joined again inside each subquery.
    detentions = Detention.objects.public(except_via=("person",)).filter(person=OuterRef("pk"))
    in_custody = detentions.held_on(on)
    releases = (
        detentions.filter(earliest_on_or_before("started", on))
        .annotate(ended_latest=PeriodEnd.of("ended"))
        .filter(ended_latest__lt=on)
    )
    convictions = (
        Outcome.objects.public(except_via=("defendant",))
        .filter(
            earliest_on_or_before("hearing__held", on),
            defendant=OuterRef("pk"),
            verdict__in=Outcome.CONVICTIONS,
        )
        .annotate(held_latest=PeriodEnd.of("hearing__held"))
    )
    last_release = Subquery(releases.order_by("-ended_latest").values("ended_latest")[:1])
    last_conviction = Subquery(convictions.order_by("-held_latest").values("held_latest")[:1])
    return Case(
        When(Exists(in_custody), then=Value(PersonStatus.DETAINED.value)),
        # No release counts as one before any conviction.
        When(
            GreaterThan(last_conviction, Coalesce(last_release, Value(date.min))),
            then=Value(PersonStatus.SENTENCED.value),
        ),
        When(Exists(releases), then=Value(PersonStatus.RELEASED.value)),
        default=Value(PersonStatus.UNKNOWN.value),
        output_field=models.CharField(),
    )
