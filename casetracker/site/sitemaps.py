"""sitemap.xml: every public record page and list, for search engines and archivers.

Each section lists ``.public()`` rows only, so a sitemap never names a record a reader could not
open; one query per section and page of 50,000 addresses, however many records there are.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Model, QuerySet
from django.urls import reverse

from cases.models import Case, Hearing, LegalArticle
from casetracker.models import Place, SourceDocument
from events.models import Incident
from people.models import Organization, Person


class PublicRecords(Sitemap):
    """The pages of one kind of published record, newest change last known."""

    def __init__(self, rows: QuerySet[Any]) -> None:
        self.rows = rows

    def items(self) -> QuerySet[Any]:
        return self.rows.order_by("pk")

    def lastmod(self, record: Any) -> datetime | None:
        return getattr(record, "updated_at", None)


class ReferencePages(Sitemap):
    """Places and legal articles: reference data, public as soon as entered."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model

    def items(self) -> QuerySet[Any]:
        return self.model._default_manager.order_by("pk")


class ListPages(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "home",
            "people:person_list",
            "cases:case_list",
            "cases:hearing_list",
            "events:incident_list",
            "people:organization_list",
            "casetracker:source_list",
            "cases:article_list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


def sitemaps() -> dict[str, Sitemap]:
    return {
        "lists": ListPages(),
        "people": PublicRecords(Person.objects.public().only("slug", "updated_at")),
        "organisations": PublicRecords(Organization.objects.public().only("slug", "updated_at")),
        "cases": PublicRecords(Case.objects.public().only("slug", "updated_at")),
        "hearings": PublicRecords(Hearing.objects.public().only("slug", "updated_at")),
        "incidents": PublicRecords(Incident.objects.public().only("slug", "updated_at")),
        "sources": PublicRecords(SourceDocument.objects.public().only("key", "updated_at")),
        "articles": ReferencePages(LegalArticle),
        "places": ReferencePages(Place),
    }
