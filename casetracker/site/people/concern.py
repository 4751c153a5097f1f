"""Who the registry is about and who it only mentions: one rule for lists, counts and exports.

A person is *affected* when public records say they were detained, charged, tried, or harmed or
targeted in an incident (shot, beaten, dismissed, searched, harassed); everyone else (officials,
witnesses, speakers, the reports' authors) is only *mentioned*. Derived from the records, so it
cannot drift from them; for querysets of public people.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils.translation import gettext
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


def concern_counts(people: QuerySet[Person]) -> dict[str, int]:
    """How many of ``people`` are affected and how many only mentioned, in one query."""
    # By key, so the aggregate does not carry whatever else ``people`` is annotated with.
    counted = Person.objects.filter(pk__in=people.order_by().values("pk"))
    counts = counted.aggregate(
        affected=Count("pk", filter=affected()), mentioned=Count("pk", filter=~affected())
    )
    return {Concern.AFFECTED: counts["affected"], Concern.MENTIONED: counts["mentioned"]}


def concern_breakdown(counts: dict[str, int]) -> str:
    """What a count of people is made of, as every count of people says it."""
    return gettext(
        "%(affected)s affected (detained, charged, tried, harmed or targeted), "
        "%(mentioned)s only mentioned"
    ) % {"affected": counts[Concern.AFFECTED], "mentioned": counts[Concern.MENTIONED]}
