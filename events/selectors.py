"""What the public incident pages read, each page in one bundle of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from cases.models import Case
from casetracker.footnotes import cited
from casetracker.partial_dates import undated_last
from events.models import Incident, IncidentCount, Involvement


def incidents_for_list() -> QuerySet[Incident]:
    """Public incidents with their place and counts. Queries: incidents (+ place), counts.

    The counts are public with their incident (``IncidentCount.PUBLIC_VIA``), so the rows fetched
    here are all there is to check; the list and its exports read them in Kind order.
    """
    return (
        Incident.objects.public()
        .select_related("place")
        .prefetch_related("counts")
        .order_by(undated_last("started_on"), "title", "pk")
    )


def incident_for_detail() -> QuerySet[Incident]:
    """Queries: the incident (+ place); its citations, counts and their citations, involvements
    (+ person, organisation) and their citations, cases."""
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
            Prefetch("counts", queryset=IncidentCount.objects.prefetch_related(cited())),
            Prefetch("involvements", queryset=involvements),
            Prefetch("cases", queryset=Case.objects.public().order_by("opened_on", "title")),
        )
    )
