"""What the public case, hearing and article pages read, each page in one bundle of queries."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from cases.models import (
    ArticleCorrespondence,
    Case,
    Charge,
    ChargeEvent,
    Detention,
    Hearing,
    HearingJudge,
    LegalArticle,
    Outcome,
)
from cases.status import with_sentence_life
from casetracker.footnotes import cited
from casetracker.partial_dates import undated_last
from people.models import Person


def _public_people() -> QuerySet[Person]:
    return Person.objects.public().order_by("sort_name", "pk")


def cases_for_list() -> QuerySet[Case]:
    """Public cases with their public defendants and the articles charged.

    Queries: cases, defendants, charges (+ article).
    """
    return (
        Case.objects.public()
        .order_by(undated_last("opened_on"), "title", "pk")
        .prefetch_related(
            Prefetch("defendants", queryset=_public_people()),
            Prefetch("charges", queryset=Charge.objects.public().select_related("article")),
        )
    )


def _outcomes() -> QuerySet[Outcome]:
    """Outcomes with what ``outcome_details`` reads: the sentence, whether a later decision
    superseded it, and the custody periods the expected release counts from."""
    return with_sentence_life(
        Outcome.objects.public()
        .select_related("defendant", "sentence")
        .prefetch_related(
            cited(),
            cited("sentence"),
            Prefetch("defendant__detentions", queryset=Detention.objects.public()),
        ),
        timezone.localdate(),
    )


def case_for_detail() -> QuerySet[Case]:
    charges = (
        Charge.objects.public()
        .select_related("article", "defendant")
        .prefetch_related(
            cited(),
            Prefetch("events", queryset=ChargeEvent.objects.prefetch_related(cited())),
        )
    )
    hearings = (
        Hearing.objects.public()
        .select_related("court")
        .prefetch_related(cited(), Prefetch("outcomes", queryset=_outcomes()))
    )
    # Incidents live in events, which builds on cases: reach them through the relation.
    incident_model: Any = Case.incidents.rel.related_model
    return Case.objects.public().prefetch_related(
        cited(),
        Prefetch("defendants", queryset=_public_people()),
        Prefetch("charges", queryset=charges),
        Prefetch("hearings", queryset=hearings),
        Prefetch(
            "detentions",
            queryset=Detention.objects.public()
            .select_related("person", "place")
            .prefetch_related(cited()),
        ),
        Prefetch(
            "incidents",
            queryset=incident_model._default_manager.public().prefetch_related(cited()),
        ),
    )


def public_panel() -> Prefetch[Any]:
    """The hearing's public judges into ``public_panel``, the presiding judge first: a judge
    still a draft, or restricted, is left out. One query."""
    return Prefetch(
        "panel",
        # The hearings are public already: only the judges need the check.
        queryset=HearingJudge.objects.public(except_via=("hearing",))
        .select_related("judge")
        .order_by("-presiding", "judge__sort_name", "pk"),
        to_attr="public_panel",
    )


def hearings_for_list() -> QuerySet[Hearing]:
    """Public hearings with case and court, the panel, and each defendant's verdict.

    Queries: hearings (+ case, court), panel (+ judge), outcomes (+ defendant).
    """
    return (
        Hearing.objects.public()
        .select_related("case", "court")
        .order_by(undated_last("held_on"), "pk")
        .prefetch_related(
            public_panel(),
            Prefetch("outcomes", queryset=Outcome.objects.public().select_related("defendant")),
        )
    )


def hearing_for_detail() -> QuerySet[Hearing]:
    return (
        Hearing.objects.public()
        .select_related("case", "court")
        .prefetch_related(
            cited(), "concerns", public_panel(), Prefetch("outcomes", queryset=_outcomes())
        )
    )


def articles_for_list() -> QuerySet[LegalArticle]:
    return LegalArticle.objects.all()


def charges_under(article: LegalArticle) -> QuerySet[Charge]:
    """Public charges under ``article``: who was charged, in which case, with the history."""
    return (
        Charge.objects.public()
        .filter(article=article)
        .select_related("defendant", "case")
        .prefetch_related("events", cited())
        .order_by("case__opened_on", "case__title", "defendant__sort_name", "pk")
    )


def correspondences_of(article: LegalArticle) -> list[LegalArticle]:
    """The articles of other versions that ``article`` corresponds to, by version. One query."""
    rows = ArticleCorrespondence.objects.filter(
        models.Q(earlier=article) | models.Q(later=article)
    ).select_related("earlier", "later")
    others = [row.later if row.earlier_id == article.pk else row.earlier for row in rows]
    return sorted(others, key=lambda other: other.version)
