"""Public pages of incidents: the filtered list, its exports and the incident page."""

from __future__ import annotations

from operator import attrgetter

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy, ngettext_lazy

from casetracker.footnotes import Footnotes
from casetracker.listing import Column, PublicList, export, render_list
from events.filters import IncidentFilter
from events.models import COUNTED, Incident
from events.selectors import incident_for_detail, incidents_for_list

COUNT_LABELS = {
    "participants": gettext_lazy("Participants"),
    "detained": gettext_lazy("Detained"),
    "injured": gettext_lazy("Injured"),
    "killed": gettext_lazy("Killed"),
}

INCIDENTS = PublicList(
    filterset_class=IncidentFilter,
    queryset=incidents_for_list,
    template="events/incident_list.html",
    counted=ngettext_lazy("%(count)s incident", "%(count)s incidents", "count"),
    export_name="incidents",
    columns=[
        Column("title", lambda i: i.title),
        Column("kind", lambda i: i.get_kind_display()),
        Column("started", lambda i: i.started.isoformat()),
        Column("ended", lambda i: i.ended.isoformat() if i.ended else None),
        Column("place", lambda i: i.place.name if i.place else None),
        *(
            Column(f"{counted}_{bound}", attrgetter(f"{counted}_{bound}"))
            for counted in COUNTED
            for bound in ("min", "max")
        ),
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
        "counts": [
            (COUNT_LABELS[name], getattr(incident, name))
            for name in COUNTED
            if getattr(incident, name).known
        ],
        "disagreements": notes.disagreements(incident),
        "involvements": [(i, notes.refs(i)) for i in incident.involvements.all()],
        "footnotes": notes.notes,
    }
    return render(request, "events/incident_detail.html", context)
