"""What the public incident pages read, each page in one bundle of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from cases.models import Case
from casetracker.footnotes import cited
from events.models import Incident, Involvement


def incidents_for_list() -> QuerySet[Incident]:
    """Public incidents with their place. Queries: incidents (+ place)."""
    return Incident.objects.public().select_related("place").order_by("started_on", "title", "pk")


def incident_for_detail() -> QuerySet[Incident]:
    involvements = (
        Involvement.objects.public()
        .select_related("person", "organization")
        .prefetch_related(cited())
        .order_by("role", "pk")
    )
    return (
        Incident.objects.public()
        .select_related("place")
        .prefetch_related(
            cited(),
            Prefetch("involvements", queryset=involvements),
            Prefetch("cases", queryset=Case.objects.public().order_by("opened_on", "title")),
        )
    )
