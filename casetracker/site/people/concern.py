"""Who the registry is about and who it only mentions: one rule for lists, counts and exports.

A person is *affected* when public records say they were detained, charged, tried, or harmed or
targeted in an incident (shot, beaten, dismissed, searched, harassed); everyone else (officials,
witnesses, speakers, the reports' authors) is only *mentioned*. Derived from the records, so it
cannot drift from them; for querysets of public people.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cases.models import Charge, Detention, Outcome
from events.models import Involvement
from people.models import Person

HARMED_ROLES = (Involvement.Role.VICTIM, Involvement.Role.TARGET)


class Concern(models.TextChoices):
    AFFECTED = "affected", _("affected: detained, charged, tried, harmed or targeted")
    MENTIONED = "mentioned", _("only mentioned")


def _recorded(model: type[models.Model], person_field: str, **condition: Any) -> Exists:
    public = model.objects.public(except_via=(person_field,))  # type: ignore[attr-defined]
    return Exists(public.filter(**{person_field: OuterRef("pk")}, **condition))


def affected() -> Q:
    return (
        Q(_recorded(Detention, "person"))
        | Q(_recorded(Charge, "defendant"))
        | Q(_recorded(Outcome, "defendant"))
        | Q(_recorded(Involvement, "person", role__in=HARMED_ROLES))
    )


def with_concern(people: QuerySet[Person]) -> QuerySet[Person]:
    """``people`` annotated ``affected``: True for those the registry is about."""
    return people.annotate(affected=ExpressionWrapper(affected(), output_field=BooleanField()))


def in_concern(people: QuerySet[Person], concern: str) -> QuerySet[Person]:
    return people.filter(affected() if concern == Concern.AFFECTED else ~affected())


# A group with no headcount given is still two people or more.
SMALLEST_GROUP = 2


def concern_counts(people: QuerySet[Person]) -> dict[str, int]:
    """How many of ``people`` are single people affected and only mentioned, how many are
    groups, and the fewest people those groups hold together, in one query."""
    # By key, so the aggregate does not carry whatever else ``people`` is annotated with.
    counted = Person.objects.filter(pk__in=people.order_by().values("pk"))
    one_person, group = Q(kind=Person.Kind.INDIVIDUAL), Q(kind=Person.Kind.GROUP)
    counts = counted.aggregate(
        affected=Count("pk", filter=one_person & affected()),
        mentioned=Count("pk", filter=one_person & ~affected()),
        groups=Count("pk", filter=group),
        in_groups=Sum(Coalesce("headcount_min", SMALLEST_GROUP), filter=group, default=0),
    )
    return {
        Concern.AFFECTED: counts["affected"],
        Concern.MENTIONED: counts["mentioned"],
        "groups": counts["groups"],
        "in_groups": counts["in_groups"],
    }


def concern_breakdown(counts: dict[str, int]) -> str:
    """What a count of people is made of, as every count of people says it."""
    breakdown = gettext(
        "%(affected)s affected (detained, charged, tried, harmed or targeted), "
        "%(mentioned)s only mentioned"
    ) % {"affected": counts[Concern.AFFECTED], "mentioned": counts[Concern.MENTIONED]}
    if not counts["groups"]:
        return breakdown
    groups = ngettext(
        "%(groups)s group of at least %(people)s people",
        "%(groups)s groups of at least %(people)s people in all",
        counts["groups"],
    ) % {"groups": counts["groups"], "people": counts["in_groups"]}
    return f"{breakdown}, {groups}"
