"""Public pages of incidents: the filtered list, its exports and the incident page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from casetracker.footnotes import Footnotes
from casetracker.listing import EDTF_DATE, PAGE_PATH, Column, PublicList, export, render_list
from events.filters import IncidentFilter
from events.models import CountKind, Incident
from events.selectors import incident_for_detail, incidents_for_list

# Kinds with a column pair in the exports: one count each per incident ("other" has several,
# which the "counts" column lists with the rest).
EXPORTED_KINDS = [kind for kind in CountKind if kind != CountKind.OTHER]
COUNT_MIN = _("“{kind}”: the lowest number the sources give (empty: no count).")
COUNT_MAX = _("“{kind}”: the highest number the sources give (empty: no upper bound).")
COUNT_APPROXIMATE = _("“{kind}”: whether the sources give the number as approximate.")


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
        Column("title", lambda i: i.title, _("The incident's title on this site.")),
        Column(
            "kind",
            lambda i: i.get_kind_display(),
            _("What happened: strike, protest or rally, dispersal, mass detention …"),
        ),
        Column(
            "started",
            lambda i: i.started.edtf() if i.started else None,
            format_lazy("{} {}", _("When it began."), EDTF_DATE),
        ),
        Column(
            "ended",
            lambda i: i.ended.edtf() if i.ended else None,
            format_lazy(
                "{} {}", _("When it ended (empty: on the day it began, or not known)."), EDTF_DATE
            ),
        ),
        Column("place", lambda i: i.place.name if i.place else None, _("Where, when known.")),
        *(
            Column(f"{kind}_{header}", _bound(kind, bound), format_lazy(meaning, kind=kind.label))
            for kind in EXPORTED_KINDS
            for header, bound, meaning in (
                ("min", "minimum", COUNT_MIN),
                ("max", "maximum", COUNT_MAX),
                ("approximate", "approximate", COUNT_APPROXIMATE),
            )
        ),
        Column(
            "counts",
            _counts_as_text,
            _("Every count as the page words it ('participants: about 200'), other kinds too."),
        ),
        Column("url", lambda i: i.get_absolute_url(), PAGE_PATH),
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
