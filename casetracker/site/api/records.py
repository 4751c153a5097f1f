"""Public records as the API shows them: plain dicts in the shapes of ``schemas``.

Each function reads only what its record's selector prefetched, so a list answers in the same
number of queries whatever its length. A person is named only as a public page names them:
``public_name``, and no native name or spelling of an anonymised person.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Charge, Detention, Hearing, LegalArticle, Outcome
from cases.status import status_report
from casetracker.bounds import Bounds
from casetracker.footnotes import versions_of
from casetracker.models import Citation, Place, SourceDocument
from casetracker.partial_dates import PartialDate, date_text
from casetracker.site.people.concern import Concern
from casetracker.site.people.views import naming
from casetracker.templatetags.casetracker_site import public_or_none
from events.models import Incident, IncidentCount, Involvement
from people.models import Affiliation, Designation, Organization, Person

Record = dict[str, Any]


def api_url(request: HttpRequest, name: str, key: str) -> str:
    return request.build_absolute_uri(reverse(f"api:{name}", args=[key]))


def page_url(request: HttpRequest, record: Any) -> str:
    return request.build_absolute_uri(record.get_absolute_url())


def partial_date(value: PartialDate | None) -> Record | None:
    if value is None:
        return None
    return {
        "value": value.value,
        "precision": value.precision,
        "qualifier": value.qualifier,
        "edtf": value.edtf(),
    }


def bounds(value: Bounds) -> Record:
    return {"min": value.minimum, "max": value.maximum, "approximate": value.approximate}


def citation(request: HttpRequest, cited: Citation) -> Record:
    source = cited.source
    return {
        "source": {
            "key": source.key,
            "title": source.title,
            "url": api_url(request, "source_detail", source.key),
            "page_url": page_url(request, source),
            "address": source.url,
        },
        "locator": cited.locator,
        "summary": cited.summary,
        "confidence": cited.confidence,
        "certainty": cited.certainty,
        "claim_field": cited.claim_field,
        "claim_value": cited.claim_value,
        "claim": cited.claim,
    }


def citations(request: HttpRequest, record: Any) -> Record:
    """The record's public citations (``cited()``) and the attributes its sources disagree on:
    values equal in their attribute's kind are one version, whatever their wording."""
    named = {cited.claim_field for cited in record.public_citations if cited.claim_field}
    return {
        "citations": [citation(request, cited) for cited in record.public_citations],
        "disputed": sorted(
            name for name in named if len(versions_of(record, name, record.public_citations)) > 1
        ),
    }


def place(request: HttpRequest, value: Place | None) -> Record | None:
    if value is None:
        return None
    return {"slug": value.slug, "name": value.name, "page_url": page_url(request, value)}


def person_link(request: HttpRequest, person: Person) -> Record:
    return {
        "slug": person.slug,
        "name": person.public_name,
        "url": api_url(request, "person_detail", person.slug),
        "page_url": page_url(request, person),
    }


def organization_link(request: HttpRequest, organization: Organization) -> Record:
    return {
        "slug": organization.slug,
        "name": organization.name,
        "url": api_url(request, "organization_detail", organization.slug),
        "page_url": page_url(request, organization),
    }


def case_link(request: HttpRequest, case: Case) -> Record:
    return {
        "slug": case.slug,
        "name": case.title,
        "url": api_url(request, "case_detail", case.slug),
        "page_url": page_url(request, case),
    }


def hearing_link(request: HttpRequest, hearing: Hearing) -> Record:
    return {
        "slug": hearing.slug,
        # Not str(hearing), which names the court: a hidden court's name must not show.
        "name": f"{hearing.case.title}, {date_text(hearing.held)}",
        "url": api_url(request, "hearing_detail", hearing.slug),
        "page_url": page_url(request, hearing),
    }


def person(request: HttpRequest, record: Person) -> Record:
    status = status_report(record, timezone.localdate())
    affected: bool = record.affected  # type: ignore[attr-defined]  # with_concern() annotates it
    return {
        "id": record.pk,
        "slug": record.slug,
        "url": api_url(request, "person_detail", record.slug),
        "page_url": page_url(request, record),
        "name": record.public_name,
        "native_name": "" if record.is_anonymised else record.native_name,
        "naming": naming(record),
        "kind": record.kind,
        "headcount": bounds(record.headcount) if record.is_group else None,
        "summary": record.summary,
        "roles": [role.slug for role in record.roles.all()],
        "concern": Concern.AFFECTED if affected else Concern.MENTIONED,
        "status": {
            "value": status.status,
            "certainty": status.certainty,
            "as_of": status.as_of,
        },
        **citations(request, record),
    }


def person_detail(request: HttpRequest, record: Person) -> Record:
    return {
        **person(request, record),
        "name_variants": [] if record.is_anonymised else [n.name for n in record.names.all()],
        "affiliations": [affiliation(request, a) for a in record.affiliations.all()],
        "designations": [designation(request, d) for d in record.designations.all()],
        "detentions": [detention(request, d) for d in record.detentions.all()],
        "charges": [charge(request, c, defendant=record) for c in record.charges.all()],
    }


def affiliation(request: HttpRequest, record: Affiliation) -> Record:
    return {
        "organisation": organization_link(request, record.organization),
        "role": record.role,
        "started": partial_date(record.started),
        "ended": partial_date(record.ended),
        **citations(request, record),
    }


def designation(request: HttpRequest, record: Designation) -> Record:
    by = public_or_none(record.designated_by)
    return {
        "kind": record.kind,
        "designated_by": organization_link(request, by) if by else None,
        "designated": partial_date(record.designated),
        **citations(request, record),
    }


def detention(request: HttpRequest, record: Detention) -> Record:
    return {
        "id": record.pk,
        "kind": record.kind,
        "started": partial_date(record.started),
        "ended": partial_date(record.ended),
        "place": place(request, record.place),
        "facility": record.facility,
        "ended_reason": record.ended_reason,
        "certainty": record.certainty,
        **citations(request, record),
    }


def charge(request: HttpRequest, record: Charge, *, defendant: Person | None = None) -> Record:
    return {
        "id": record.pk,
        "case": case_link(request, record.case),
        "defendant": person_link(request, defendant or record.defendant),
        "article": record.article.slug if record.article else None,
        "offence": record.offence,
        "note": record.note,
        "events": [
            {
                "status": event.status,
                "occurred": partial_date(event.occurred),
                "note": event.note,
                **citations(request, event),
            }
            for event in record.events.all()
        ],
        **citations(request, record),
    }


def organization(request: HttpRequest, record: Organization) -> Record:
    return {
        "id": record.pk,
        "slug": record.slug,
        "url": api_url(request, "organization_detail", record.slug),
        "page_url": page_url(request, record),
        "name": record.name,
        "native_name": record.native_name,
        "kind": record.kind,
        "place": place(request, record.place),
        "summary": record.summary,
        **citations(request, record),
    }


def organization_detail(request: HttpRequest, record: Organization) -> Record:
    parent = public_or_none(record.parent)
    return {
        **organization(request, record),
        "parent": organization_link(request, parent) if parent else None,
        "members": [person_link(request, a.person) for a in record.affiliations.all()],
    }


def case(request: HttpRequest, record: Case) -> Record:
    return {
        "id": record.pk,
        "slug": record.slug,
        "url": api_url(request, "case_detail", record.slug),
        "page_url": page_url(request, record),
        "title": record.title,
        "kind": record.kind,
        "number": record.number,
        "opened": partial_date(record.opened),
        "summary": record.summary,
        "defendants": [person_link(request, p) for p in record.defendants.all()],
        "articles": sorted({c.article.slug for c in record.charges.all() if c.article}),
        **citations(request, record),
    }


def case_detail(request: HttpRequest, record: Case) -> Record:
    return {
        **case(request, record),
        "charges": [charge(request, c) for c in record.charges.all()],
        "hearings": [hearing_link(request, h) for h in record.hearings.all()],
    }


def hearing(request: HttpRequest, record: Hearing) -> Record:
    court = public_or_none(record.court)
    return {
        "id": record.pk,
        "slug": record.slug,
        "url": api_url(request, "hearing_detail", record.slug),
        "page_url": page_url(request, record),
        "case": case_link(request, record.case),
        "court": organization_link(request, court) if court else None,
        "instance": record.instance,
        "held": partial_date(record.held),
        "closed_to_public": record.closed_to_public,
        "lawyer_present": record.lawyer_present,
        "summary": record.summary,
        "judges": [
            {"name": seat.judge.public_name, "presiding": seat.presiding}
            for seat in record.public_panel
        ],
        **citations(request, record),
    }


def hearing_detail(request: HttpRequest, record: Hearing) -> Record:
    return {
        **hearing(request, record),
        "outcomes": [outcome(request, o) for o in record.outcomes.all()],
    }


def outcome(request: HttpRequest, record: Outcome) -> Record:
    sentence = getattr(record, "sentence", None)
    return {
        "defendant": person_link(request, record.defendant),
        "verdict": record.verdict,
        "certainty": record.certainty,
        "note": record.note,
        "sentence": None
        if sentence is None
        else {
            "prison_months": sentence.prison_months,
            "prison_months_max": sentence.prison_months_max,
            "regime": sentence.regime,
            "suspended_months": sentence.suspended_months,
            "probation_months": sentence.probation_months,
            "fine_amount": None if sentence.fine_amount is None else str(sentence.fine_amount),
            "fine_currency": sentence.fine_currency,
        },
        **citations(request, record),
    }


def count(request: HttpRequest, record: IncidentCount) -> Record:
    return {
        "kind": record.kind,
        "count": bounds(record.bounds),
        "note": record.note,
        **citations(request, record),
    }


def incident(request: HttpRequest, record: Incident) -> Record:
    return {
        "id": record.pk,
        "slug": record.slug,
        "url": api_url(request, "incident_detail", record.slug),
        "page_url": page_url(request, record),
        "title": record.title,
        "kind": record.kind,
        "started": partial_date(record.started),
        "ended": partial_date(record.ended),
        "place": place(request, record.place),
        "summary": record.summary,
        "counts": [count(request, c) for c in record.counts.all()],
        **citations(request, record),
    }


def incident_detail(request: HttpRequest, record: Incident) -> Record:
    return {
        **incident(request, record),
        "involvements": [involvement(request, i) for i in record.involvements.all()],
        "cases": [case_link(request, c) for c in record.cases.all()],
    }


def involvement(request: HttpRequest, record: Involvement) -> Record:
    return {
        "person": person_link(request, record.person) if record.person else None,
        "organisation": organization_link(request, record.organization)
        if record.organization
        else None,
        "role": record.role,
        "note": record.note,
        **citations(request, record),
    }


def source(request: HttpRequest, record: SourceDocument) -> Record:
    return {
        "id": record.pk,
        "key": record.key,
        "url": api_url(request, "source_detail", record.key),
        "page_url": page_url(request, record),
        "title": record.title,
        "kind": record.kind,
        "publisher": record.publisher,
        "author": record.author,
        "published": partial_date(record.published),
        "address": record.url,
        "language": record.language,
        "summary": record.summary,
    }


def article(request: HttpRequest, record: LegalArticle) -> Record:
    return {
        "id": record.pk,
        "slug": record.slug,
        "url": api_url(request, "article_detail", record.slug),
        "page_url": page_url(request, record),
        "code": record.code,
        "instrument": record.instrument,
        "version": record.version,
        "article": record.article,
        "part": record.part,
        "title": record.title,
        "in_force_from": record.in_force_from,
        "in_force_until": record.in_force_until,
        **citations(request, record),
    }


def place_detail(request: HttpRequest, record: Place) -> Record:
    return {
        "id": record.pk,
        "slug": record.slug,
        "url": api_url(request, "place_detail", record.slug),
        "page_url": page_url(request, record),
        "name": record.name,
        "native_name": record.native_name,
        "kind": record.kind,
        "parent": place(request, record.parent),
        "latitude": None if record.latitude is None else float(record.latitude),
        "longitude": None if record.longitude is None else float(record.longitude),
        **citations(request, record),
    }
