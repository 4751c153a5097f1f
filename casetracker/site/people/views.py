"""Public pages of people and organisations: filtered lists, exports and detail pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from cases.models import Hearing
from cases.status import (
    StatusReport,
    days_detained,
    detention_days,
    outcome_details,
    status_report,
)
from casetracker.footnotes import Footnotes
from casetracker.listing import PAGE_PATH, Column, PublicList, export, render_list
from casetracker.partial_dates import undated_last
from casetracker.site.people.concern import Concern, concern_breakdown, concern_counts
from casetracker.site.people.filters import OrganizationFilter, PersonFilter
from casetracker.site.people.selectors import (
    hearings_of,
    organization_for_detail,
    organizations_for_list,
    people_for_list,
    person_for_detail,
)
from casetracker.templatetags.casetracker_site import public_or_none
from casetracker.timeline import Entry, in_order
from people.models import Organization, Person, PersonRedirect


@dataclass(frozen=True)
class PersonRow:
    person: Person
    status: StatusReport


def naming(person: Person) -> str:
    """How the export says whether a row is a name: never which kind of anonymity it is."""
    if person.is_unnamed:
        return "not_named_in_source"
    return "anonymised" if person.is_anonymised else "named"


def _with_status(people: list[Person]) -> list[PersonRow]:
    today = timezone.localdate()
    return [PersonRow(person, status_report(person, today)) for person in people]


PEOPLE = PublicList(
    filterset_class=PersonFilter,
    queryset=people_for_list,
    template="people/person_list.html",
    counted=ngettext_lazy("%(count)s person", "%(count)s people", "count"),
    export_name="people",
    present=_with_status,
    breakdown=lambda people: concern_breakdown(concern_counts(people)),
    columns=[
        Column(
            "name",
            lambda row: row.person.public_name,
            gettext_lazy(
                "The name public pages show: the person's name, the label of a person not named "
                "here, or the sources' description of people they do not name."
            ),
        ),
        Column(
            "native_name",
            lambda row: "" if row.person.is_anonymised else row.person.native_name,
            gettext_lazy(
                "The name in Cyrillic script, when known; always empty for a person not named here."
            ),
        ),
        Column(
            "named",
            lambda row: naming(row.person),
            gettext_lazy(
                "named; anonymised (the registry does not publish the name); or "
                "not_named_in_source (the sources describe the person without a name)."
            ),
        ),
        Column(
            "kind",
            lambda row: row.person.kind,
            gettext_lazy(
                "individual, or group: people the sources describe together, counted as one row."
            ),
        ),
        Column(
            "headcount_min",
            lambda row: row.person.headcount_min,
            gettext_lazy("For a group: the fewest people it holds, as reported."),
        ),
        Column(
            "headcount_max",
            lambda row: row.person.headcount_max,
            gettext_lazy(
                "For a group: the most people it holds (empty: the sources give no upper bound)."
            ),
        ),
        Column(
            "headcount_approximate",
            lambda row: row.person.headcount_approximate,
            gettext_lazy(
                "For a group: whether the sources give the headcount as approximate ('about')."
            ),
        ),
        Column("url", lambda row: row.person.get_absolute_url(), PAGE_PATH),
        Column(
            "concern",
            lambda row: Concern.AFFECTED if row.person.affected else Concern.MENTIONED,
            gettext_lazy(
                "affected (detained, charged, tried, harmed or targeted), or mentioned (the "
                "sources only name them: officials, witnesses, speakers)."
            ),
        ),
        Column(
            "roles",
            lambda row: [role.name for role in row.person.roles.all()],
            gettext_lazy(
                "The person's roles in the events: oil worker, lawyer, journalist … (a list)."
            ),
        ),
        Column(
            "status",
            lambda row: row.status.status.label,
            gettext_lazy(
                "The person's status today by the registry's rule: in custody, released …"
            ),
        ),
        Column(
            "status_certainty",
            lambda row: row.status.certainty,
            gettext_lazy(
                "How firmly the status stands: one of the certainty levels on the about page."
            ),
        ),
        Column(
            "status_as_of",
            lambda row: row.status.as_of.isoformat() if row.status.as_of else None,
            gettext_lazy("The date of the newest source the status rests on (YYYY-MM-DD)."),
        ),
    ],
)

ORGANIZATIONS = PublicList(
    filterset_class=OrganizationFilter,
    queryset=organizations_for_list,
    template="people/organization_list.html",
    counted=ngettext_lazy("%(count)s organisation", "%(count)s organisations", "count"),
    export_name="organisations",
    columns=[
        Column("name", lambda o: o.name, gettext_lazy("The organisation's name.")),
        Column(
            "native_name",
            lambda o: o.native_name,
            gettext_lazy("The name in Cyrillic script, when known."),
        ),
        Column(
            "kind",
            lambda o: o.get_kind_display(),
            gettext_lazy(
                "What it is: company, trade union, court, non-governmental organisation …"
            ),
        ),
        Column(
            "place",
            lambda o: o.place.name if o.place else None,
            gettext_lazy("Where it is based, when known."),
        ),
        Column("url", lambda o: o.get_absolute_url(), PAGE_PATH),
    ],
)


def person_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, PEOPLE)


def person_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    return export(request, PEOPLE, fmt)


def organization_list(request: HttpRequest) -> HttpResponse:
    return render_list(request, ORGANIZATIONS)


def organization_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    return export(request, ORGANIZATIONS, fmt)


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_for_detail().filter(slug=slug).first()
    if person is None:
        # A merged person's old address keeps working, but only towards a public person.
        moved = (
            PersonRedirect.objects.servable()
            .public()
            .select_related("person")
            .filter(old_slug=slug)
        )
        redirect = moved.first()
        if redirect is None:
            raise Http404(_("No such person."))
        return HttpResponsePermanentRedirect(redirect.person.get_absolute_url())
    hearings = list(hearings_of(person))
    return render(request, "people/person_detail.html", person_page(person, hearings))


def person_page(person: Person, hearings: list[Hearing]) -> dict[str, Any]:
    """The person's facts in page order, each with its footnote numbers."""
    notes = Footnotes()
    today = timezone.localdate()
    person_refs = notes.refs(person)
    affiliations = [(a, notes.refs(a)) for a in person.affiliations.all()]
    designations = [(d, notes.refs(d)) for d in person.designations.all()]
    entries: list[Entry] = []
    status = status_report(person, today)
    for detention in person.detentions.all():
        days = detention_days(detention, today)
        where = detention.place.name if detention.place else ""
        entries.append(
            Entry(
                when=detention.started,
                until=detention.ended,
                kind="detention",
                label=detention.get_kind_display(),
                text=", ".join(filter(None, [detention.facility, where])),
                details=[
                    _("%(days)s detained") % {"days": days},
                    *([detention.ended_reason] if detention.ended_reason else []),
                ],
                cited=[detention],
            )
        )
    for charge in person.charges.all():
        events = list(charge.events.all())
        for event in events:
            entries.append(
                Entry(
                    when=event.occurred,
                    kind="charge",
                    label=f"{event.get_status_display()}: {charge.offence}",
                    text=event.note,
                    url=charge.case.get_absolute_url(),
                    cited=[charge, event],
                )
            )
        if not events:
            entries.append(
                Entry(
                    when=charge.case.opened,
                    kind="charge",
                    label=_("Charged: %(article)s") % {"article": charge.offence},
                    text=charge.note,
                    url=charge.case.get_absolute_url(),
                    cited=[charge],
                )
            )
    outcomes_by_hearing = {outcome.hearing_id: outcome for outcome in person.outcomes.all()}
    for hearing in hearings:
        details = []
        outcome = outcomes_by_hearing.get(hearing.pk)
        if outcome is not None:
            details.extend(outcome_details(outcome))
        court = public_or_none(hearing.court) or _("a court")
        entries.append(
            Entry(
                when=hearing.held,
                kind="hearing",
                label=f"{hearing.get_instance_display()}, {court}",
                text=str(hearing.case),
                url=hearing.get_absolute_url(),
                details=details,
                cited=[hearing, outcome, getattr(outcome, "sentence", None)],
            )
        )
    for involvement in person.involvements.all():
        incident = involvement.incident
        entries.append(
            Entry(
                when=incident.started,
                until=incident.ended,
                kind="incident",
                label=incident.title,
                text=involvement.get_role_display(),
                url=incident.get_absolute_url(),
                details=[involvement.note] if involvement.note else [],
                cited=[incident, involvement],
            )
        )
    timeline = in_order(entries, notes)
    return {
        "person": person,
        "person_refs": person_refs,
        "disagreements": notes.disagreements(person),
        "affiliations": affiliations,
        "designations": designations,
        "timeline": timeline,
        "days_detained": days_detained(person, today),
        "status": status,
        "footnotes": notes.notes,
    }


def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(organization_for_detail(), slug=slug)
    notes = Footnotes()
    context = {
        "organization": organization,
        "refs": notes.refs(organization),
        "members": [(a, notes.refs(a)) for a in organization.affiliations.all()],
        "hearings": _court_hearings(organization),
        "footnotes": notes.notes,
    }
    return render(request, "people/organization_detail.html", context)


def _court_hearings(organization: Organization) -> list[Hearing]:
    if organization.kind != Organization.Kind.COURT:
        return []
    return list(
        Hearing.objects.public()
        .filter(court=organization)
        .select_related("case")
        .order_by(undated_last("held_on"), "pk")
    )
