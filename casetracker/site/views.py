"""Project-level public pages: home, sources and what they support, places."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cases.models import Case, Detention, Hearing
from casetracker.filters import SourceFilter
from casetracker.footnotes import Footnotes, cited
from casetracker.listing import EDTF_DATE, PAGE_PATH, Column, PublicList, export, render_list
from casetracker.models import Citation, Place, SourceDocument
from casetracker.partial_dates import date_text, undated_last
from casetracker.site import charts
from casetracker.site.people.concern import concern_counts
from events.models import Incident, IncidentCount
from people.models import Organization, Person

LATEST = 8


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read every public page; the admin is not for them."""
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    return HttpResponse(
        f"User-agent: *\nDisallow: /admin/\nSitemap: {sitemap}\n", content_type="text/plain"
    )


def home(request: HttpRequest) -> HttpResponse:
    totals = {
        "cases": Case.objects.public().count(),
        "detentions": Detention.objects.public().count(),
        "hearings": Hearing.objects.public().count(),
        "incidents": Incident.objects.public().count(),
        "sources": SourceDocument.objects.public().count(),
    }
    # The most recent by their own date (the feed is the place for the newly published); an
    # undated record is nobody's latest, and leaving it out keeps the date index usable.
    latest_hearings = (
        Hearing.objects.public()
        .filter(held_on__isnull=False)
        .select_related("case")
        .order_by("-held_on", "-pk")[:LATEST]
    )
    latest_incidents = (
        Incident.objects.public()
        .filter(started_on__isnull=False)
        .order_by("-started_on", "-title", "-pk")[:LATEST]
    )
    context = {
        "totals": totals,
        "people_concern": concern_counts(Person.objects.public()),
        "latest_hearings": latest_hearings,
        "latest_incidents": latest_incidents,
        "charts": charts.home_charts(),
        "map": charts.incident_map(),
    }
    return render(request, "casetracker/home.html", context)


SOURCES = PublicList(
    filterset_class=SourceFilter,
    queryset=lambda: SourceDocument.objects.public().order_by("published_on", "title", "pk"),
    template="casetracker/source_list.html",
    counted=ngettext_lazy("%(count)s source", "%(count)s sources", "count"),
    export_name="sources",
    columns=[
        Column("key", lambda s: s.key, _("The source's short identifier, as in its address.")),
        Column("title", lambda s: s.title, _("The source's title.")),
        Column(
            "kind",
            lambda s: s.get_kind_display(),
            _("What kind of document it is: report, briefing paper, article, court document …"),
        ),
        Column("publisher", lambda s: s.publisher, _("Who published it.")),
        Column("published", lambda s: s.published.edtf() if s.published else None, EDTF_DATE),
        Column("address", lambda s: s.url, _("Where the source itself is published, when known.")),
        Column("url", lambda s: s.get_absolute_url(), PAGE_PATH),
    ],
)


def source_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, SOURCES)


def source_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    return export(request, SOURCES, fmt)


@dataclass(frozen=True)
class Supported:
    """A public record a source supports, as a reader may see it, and where it says so."""

    label: str
    url: str
    citation: Citation


# Records without a page of their own are shown on their person's page.
_PERSON_OF = {
    "detention": "person",
    "affiliation": "person",
    "designation": "person",
    "involvement": "person",
    "charge": "defendant",
    "outcome": "defendant",
    "sentence": "outcome__defendant",
    "chargeevent": "charge__defendant",
}


def _describe(record: Any) -> tuple[str, str]:
    name = str(record._meta.verbose_name).capitalize()
    path = _PERSON_OF.get(record._meta.model_name)
    if path:
        person = record
        for part in path.split("__"):
            person = getattr(person, part)
        if person is None:  # an organisation's involvement in an incident
            return f"{name}: {record.incident.title}", record.incident.get_absolute_url()
        return f"{name}: {person.public_name}", person.get_absolute_url()
    if isinstance(record, Person):
        return record.public_name, record.get_absolute_url()
    if isinstance(record, Hearing):
        return f"{name}, {date_text(record.held)}: {record.case.title}", record.get_absolute_url()
    return f"{name}: {record}", record.get_absolute_url()


def supported_by(source: SourceDocument) -> list[Supported]:
    """What ``source`` supports: its citations whose record is public, one query per model."""
    citations = list(
        Citation.objects.filter(source=source).select_related("content_type").order_by("pk")
    )
    by_type: dict[ContentType, list[Citation]] = defaultdict(list)
    for citation in citations:
        by_type[citation.content_type].append(citation)
    supported = []
    for content_type, group in by_type.items():
        model = content_type.model_class()
        if model is None:
            continue
        path = _PERSON_OF.get(content_type.model)
        manager: Any = model._default_manager  # every cited model's manager has .public()
        records = manager.public().filter(pk__in=[citation.object_id for citation in group])
        if path:
            extra = ["incident"] if content_type.model == "involvement" else []
            records = records.select_related(path, *extra)
        elif model is Hearing:
            records = records.select_related("case")
        elif model is IncidentCount:
            records = records.select_related("incident")
        found = {record.pk: record for record in records}
        for citation in group:
            record = found.get(citation.object_id)
            if record is not None:
                label, url = _describe(record)
                supported.append(Supported(label, url, citation))
    return supported


def source_detail(request: HttpRequest, key: str) -> HttpResponse:
    source = get_object_or_404(SourceDocument.objects.public(), key=key)
    context = {"source": source, "supported": supported_by(source)}
    return render(request, "casetracker/source_detail.html", context)


def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(
        Place.objects.select_related("parent").prefetch_related(cited()),
        slug=slug,
    )
    notes = Footnotes()
    context = {
        "place": place,
        "refs": notes.refs(place),
        "incidents": Incident.objects.public()
        .filter(place=place)
        .order_by(undated_last("started_on"), "pk"),
        "detentions": Detention.objects.public()
        .filter(place=place)
        .select_related("person")
        .order_by(undated_last("started_on"), "pk"),
        "organizations": Organization.objects.public().filter(place=place).order_by("name"),
        "footnotes": notes.notes,
    }
    return render(request, "casetracker/place_detail.html", context)
