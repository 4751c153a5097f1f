"""A person's status derived from their records: detained, sentenced, released or unknown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
