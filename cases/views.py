"""Public pages of cases, hearings and legal articles: filtered lists, exports, detail pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cases.filters import CaseFilter, HearingFilter
from cases.models import Case, Hearing, LegalArticle
from cases.selectors import (
    articles_for_list,
    case_for_detail,
    cases_for_list,
    charges_under,
    correspondences_of,
    hearing_for_detail,
    hearings_for_list,
)
from cases.status import outcome_details
from casetracker.footnotes import Footnotes, cited
from casetracker.listing import EDTF_DATE, PAGE_PATH, Column, PublicList, export, render_list
from casetracker.templatetags.casetracker_site import public_or_none
from casetracker.timeline import Entry, in_order


def _articles(case: Case) -> list[str]:
    return sorted({charge.offence for charge in case.charges.all()})


def _verdicts(hearing: Hearing) -> list[str]:
    return [f"{o.defendant.public_name}: {o.get_verdict_display()}" for o in hearing.outcomes.all()]


def _judges(hearing: Hearing) -> list[str]:
    """The public panel by the names a public page may show, the presiding judge first."""
    return [seat.judge.public_name for seat in hearing.public_panel]


def _court_name(hearing: Hearing) -> str:
    court = public_or_none(hearing.court)
    return court.name if court else ""


CASES = PublicList(
    filterset_class=CaseFilter,
    queryset=cases_for_list,
    template="cases/case_list.html",
    counted=ngettext_lazy("%(count)s case", "%(count)s cases", "count"),
    export_name="cases",
    columns=[
        Column("title", lambda c: c.title, _("The case's title on this site.")),
        Column(
            "kind",
            lambda c: c.get_kind_display(),
            _("Criminal, administrative, or civil or labour proceedings."),
        ),
        Column("number", lambda c: c.number, _("The court's case number, when reported.")),
        Column(
            "opened",
            lambda c: c.opened.edtf() if c.opened else None,
            format_lazy("{} {}", _("When the case was opened."), EDTF_DATE),
        ),
        Column(
            "defendants",
            lambda c: [p.public_name for p in c.defendants.all()],
            _("The defendants, by the names public pages show (a list; '; ' between them in CSV)."),
        ),
        Column(
            "articles",
            _articles,
            _("The offences charged: a code's article, or the charge as described (a list)."),
        ),
        Column("url", lambda c: c.get_absolute_url(), PAGE_PATH),
    ],
)

HEARINGS = PublicList(
    filterset_class=HearingFilter,
    queryset=hearings_for_list,
    template="cases/hearing_list.html",
    counted=ngettext_lazy("%(count)s hearing", "%(count)s hearings", "count"),
    export_name="hearings",
    columns=[
        Column(
            "date",
            lambda h: h.held.edtf() if h.held else None,
            format_lazy("{} {}", _("When the hearing was held."), EDTF_DATE),
        ),
        Column("case", lambda h: h.case.title, _("The title of the case heard.")),
        Column(
            "court",
            _court_name,
            _("The court, when the sources name it (empty: not named in the reports)."),
        ),
        Column(
            "instance",
            lambda h: h.get_instance_display(),
            _("What kind of hearing: first instance, appeal, cassation, detention appeal …"),
        ),
        Column(
            "judges",
            _judges,
            _("The judges named in the sources, the presiding judge first (a list)."),
        ),
        Column(
            "closed_to_public",
            lambda h: h.closed_to_public,
            _("Whether the public was kept out: true, false, or empty when not reported."),
        ),
        Column(
            "lawyer_present",
            lambda h: h.lawyer_present,
            _("Whether a defence lawyer was present: true, false, or empty when not reported."),
        ),
        Column(
            "outcomes",
            _verdicts,
            _("Each defendant's verdict at this hearing, as 'name: verdict' (a list)."),
        ),
        Column("url", lambda h: h.get_absolute_url(), PAGE_PATH),
    ],
)


def case_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, CASES)


def case_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    return export(request, CASES, fmt)


def hearing_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, HEARINGS)


def hearing_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    return export(request, HEARINGS, fmt)


def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_object_or_404(case_for_detail(), slug=slug)
    notes = Footnotes()
    case_refs = notes.refs(case)
    charges = [
        (charge, notes.refs(charge), notes.disagreements(charge)) for charge in case.charges.all()
    ]
    entries: list[Entry] = []
    for incident in case.incidents.all():
        entries.append(
            Entry(
                when=incident.started,
                until=incident.ended,
                kind="incident",
                label=incident.title,
                url=incident.get_absolute_url(),
                cited=[incident],
            )
        )
    for detention in case.detentions.all():
        entries.append(
            Entry(
                when=detention.started,
                until=detention.ended,
                kind="detention",
                label=f"{detention.person.public_name}: {detention.get_kind_display()}",
                url=detention.person.get_absolute_url(),
                cited=[detention],
            )
        )
    for charge, _refs, _disagreements in charges:
        for event in charge.events.all():
            entries.append(
                Entry(
                    when=event.occurred,
                    kind="charge",
                    label=f"{charge.defendant.public_name}: {event.get_status_display()}, "
                    f"{charge.offence}",
                    text=event.note,
                    cited=[event],
                )
            )
    for hearing in case.hearings.all():
        court = public_or_none(hearing.court)
        entries.append(
            Entry(
                when=hearing.held,
                kind="hearing",
                label=f"{hearing.get_instance_display()}" + (f", {court.name}" if court else ""),
                url=hearing.get_absolute_url(),
                cited=[
                    hearing,
                    *(
                        record
                        for outcome in hearing.outcomes.all()
                        for record in (outcome, getattr(outcome, "sentence", None))
                    ),
                ],
                details=[
                    f"{outcome.defendant.public_name}: " + "; ".join(outcome_details(outcome))
                    for outcome in hearing.outcomes.all()
                ],
            )
        )
    context = {
        "case": case,
        "refs": case_refs,
        "disagreements": notes.disagreements(case),
        "charges": charges,
        "timeline": in_order(entries, notes),
        "footnotes": notes.notes,
    }
    return render(request, "cases/case_detail.html", context)


def hearing_by_number(request: HttpRequest, pk: int) -> HttpResponse:
    """A public hearing's old address leads to its page; a hidden one's answers 404 like any."""
    hearing = get_object_or_404(Hearing.objects.public().only("slug"), pk=pk)
    return redirect(hearing, permanent=True)


def hearing_detail(request: HttpRequest, slug: str) -> HttpResponse:
    hearing = get_object_or_404(hearing_for_detail(), slug=slug)
    notes = Footnotes()
    context: dict[str, Any] = {
        "hearing": hearing,
        "court": public_or_none(hearing.court),
        "panel": hearing.public_panel,
        "refs": notes.refs(hearing),
        "disagreements": notes.disagreements(hearing),
        "outcomes": [
            (
                outcome,
                outcome_details(outcome),
                [*notes.refs(outcome), *notes.refs(sentence := getattr(outcome, "sentence", None))],
                notes.disagreements(outcome, sentence),
            )
            for outcome in hearing.outcomes.all()
        ],
        "footnotes": notes.notes,
    }
    return render(request, "cases/hearing_detail.html", context)


def article_list(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/article_list.html", {"articles": articles_for_list()})


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(LegalArticle.objects.prefetch_related(cited()), slug=slug)
    notes = Footnotes()
    refs = notes.refs(article)
    charges = [(charge, notes.refs(charge)) for charge in charges_under(article)]
    context = {
        "article": article,
        "refs": refs,
        "charges": charges,
        "footnotes": notes.notes,
        "corresponding": correspondences_of(article),
    }
    return render(request, "cases/article_detail.html", context)
