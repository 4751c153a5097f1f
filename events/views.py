"""Public pages of incidents: the filtered list, its exports and the incident page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import ngettext_lazy

from casetracker.footnotes import Footnotes
from casetracker.listing import Column, PublicList, export, render_list
from events.filters import IncidentFilter
from events.models import CountKind, Incident
from events.selectors import incident_for_detail, incidents_for_list

# Kinds with a column pair in the exports: one count each per incident ("other" has several,
# which the "counts" column lists with the rest).
EXPORTED_KINDS = [kind for kind in CountKind if kind != CountKind.OTHER]


def _bound(kind: str, bound: str) -> Any:
    def value(incident: Incident) -> Any:
        count = incident.count_of(kind)
        return None if count is None else getattr(count, bound)

    return value


def _counts_as_text(incident: Incident) -> list[str]:
    """Every count as a reader sees it: ``["participants: about 200", "detained: at least 1"]``."""
    return [count.label for count in incident.counts.all()]


INCIDENTS = PublicList(
    filterset_class=IncidentFilter,
    queryset=incidents_for_list,
    template="events/incident_list.html",
    counted=ngettext_lazy("%(count)s incident", "%(count)s incidents", "count"),
    export_name="incidents",
    columns=[
        Column("title", lambda i: i.title),
        Column("kind", lambda i: i.get_kind_display()),
        Column("started", lambda i: i.started.edtf() if i.started else None),
        Column("ended", lambda i: i.ended.edtf() if i.ended else None),
        Column("place", lambda i: i.place.name if i.place else None),
        *(
            Column(f"{kind}_{header}", _bound(kind, bound))
            for kind in EXPORTED_KINDS
            for header, bound in (
                ("min", "minimum"),
                ("max", "maximum"),
                ("approximate", "approximate"),
            )
        ),
        Column("counts", _counts_as_text),
        Column("url", lambda i: i.get_absolute_url()),
    ],
)


def incident_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, INCIDENTS)


def incident_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    return export(request, INCIDENTS, fmt)


def incident_detail(request: HttpRequest, slug: str) -> HttpResponse:
    incident: Incident = get_object_or_404(incident_for_detail(), slug=slug)
    notes = Footnotes()
    context = {
        "incident": incident,
        "refs": notes.refs(incident),
        "disagreements": notes.disagreements(incident),
        "counts": [
            (count, notes.refs(count), notes.disagreements(count))
            for count in incident.counts.all()
        ],
        "involvements": [(i, notes.refs(i)) for i in incident.involvements.all()],
        "footnotes": notes.notes,
    }
    return render(request, "events/incident_detail.html", context)
