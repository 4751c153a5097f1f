"""What the public people and organisation pages read, each page in one bundle of queries.

A person's page gathers records from every app (their detentions, charges, hearings, incidents);
this module is that public-site read side, so it imports the apps the models of ``people`` may not.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from cases.models import Charge, ChargeEvent, Hearing
from cases.status import custody_prefetches, with_status
from casetracker.footnotes import cited
from casetracker.site.people.concern import with_concern
from events.models import Involvement
from people.models import Affiliation, Designation, Organization, Person, PersonName


def people_for_list() -> QuerySet[Person]:
    """Public people with their roles, whether the registry is about them (``affected``), and
    what their status is derived from.

    Queries: people, roles, citations, detentions (+ their citations), outcomes (+ citations).
    """
    return with_status(
        with_concern(Person.objects.public())
        .order_by("sort_name", "pk")
        .prefetch_related("roles", cited(), *custody_prefetches(timezone.localdate())),
        timezone.localdate(),
    )


def person_for_detail() -> QuerySet[Person]:
    """Everything a person's page shows, public records only, with their citations and their
    status today."""
    today = timezone.localdate()
    charges = (
        Charge.objects.public()
        .select_related("article", "case")
        .prefetch_related(
            cited(),
            Prefetch("events", queryset=ChargeEvent.objects.prefetch_related(cited())),
        )
    )
    involvements = (
        Involvement.objects.public()
        .select_related("incident__place")
        .prefetch_related(cited(), cited("incident"))
    )
    in_name_order = Person.objects.public().order_by("sort_name", "pk")
    return with_status(Person.objects.public(), today).prefetch_related(
        Prefetch("names", queryset=PersonName.objects.order_by("script", "name")),
        "roles",
        Prefetch("members", queryset=in_name_order),
        Prefetch("member_of", queryset=in_name_order),
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.public()
            .select_related("organization")
            .prefetch_related(cited()),
        ),
        Prefetch(
            "designations",
            queryset=Designation.objects.public()
            .select_related("designated_by")
            .prefetch_related(cited()),
        ),
        cited(),
        *custody_prefetches(today, page_citations=True),
        Prefetch("charges", queryset=charges),
        Prefetch("involvements", queryset=involvements),
    )


def hearings_of(person: Person) -> QuerySet[Hearing]:
    """Public hearings in the public cases where ``person`` is a defendant."""
    return (
        Hearing.objects.public()
        .filter(case__defendants=person)
        .select_related("case", "court")
        .prefetch_related(cited())
        .distinct()
    )


def organizations_for_list() -> QuerySet[Organization]:
    return Organization.objects.public().select_related("place").order_by("name", "pk")


def organization_for_detail() -> QuerySet[Organization]:
    members = (
        Affiliation.objects.public()
        .select_related("person")
        .order_by("person__sort_name", "pk")
        .prefetch_related(cited())
    )
    return (
        Organization.objects.public()
        .select_related("place", "parent")
        .prefetch_related(
            cited(),
            Prefetch("affiliations", queryset=members),
            Prefetch(
                "subsidiaries",
                queryset=Organization.objects.public().order_by("name"),
            ),
            Prefetch(
                "designations_made",
                queryset=Designation.objects.public().select_related("person"),
            ),
        )
    )


def status_counts(on: date) -> dict[str, int]:
    """How many public people (not groups) have each derived status on ``on``, in one GROUP
    BY query."""
    rows = (
        with_status(Person.objects.public().filter(kind=Person.Kind.INDIVIDUAL), on)
        .values("derived_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["derived_status"]: row["n"] for row in rows}
