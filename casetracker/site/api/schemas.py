"""The shapes the API answers in, which its OpenAPI schema documents.

Keys are English and stable: they name fields, not words for readers, and are not translated.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Schema


class PartialDateOut(Schema):
    """A date as precise as the sources give it: ``value`` is the first day of the period."""

    value: date
    precision: str
    qualifier: str
    edtf: str


class BoundsOut(Schema):
    """A count as the sources give it: either bound may be unknown."""

    min: int | None
    max: int | None
    approximate: bool


class SourceRef(Schema):
    key: str
    title: str
    url: str
    page_url: str
    address: str


class CitationOut(Schema):
    source: SourceRef
    locator: str
    summary: str
    confidence: str
    certainty: str
    claim_field: str
    claim_value: Any = None
    """The value the source gives for ``claim_field``, in its kind: a partial date as
    on/precision/qualifier, a count as minimum/maximum/approximate, a number, a code, a record's
    id or a text."""
    claim: str
    """The source's own terms for the value, when they matter."""


class Cited(Schema):
    citations: list[CitationOut]
    disputed: list[str]
    """Fields on which the record's sources give different values (see the claims)."""


class Link(Schema):
    """Another public record: its name, its API address and its page."""

    slug: str
    name: str
    url: str
    page_url: str


class PlaceOut(Schema):
    slug: str
    name: str
    page_url: str


class StatusOut(Schema):
    value: str
    certainty: str | None
    as_of: date | None


class PersonOut(Cited):
    id: int
    slug: str
    url: str
    page_url: str
    name: str
    native_name: str
    naming: str
    kind: str
    headcount: BoundsOut | None
    summary: str
    roles: list[str]
    concern: str
    status: StatusOut


class AffiliationOut(Cited):
    organisation: Link
    role: str
    started: PartialDateOut | None
    ended: PartialDateOut | None


class DesignationOut(Cited):
    kind: str
    designated_by: Link | None
    designated: PartialDateOut | None


class DetentionOut(Cited):
    id: int
    kind: str
    started: PartialDateOut | None
    ended: PartialDateOut | None
    place: PlaceOut | None
    facility: str
    ended_reason: str
    certainty: str


class ChargeEventOut(Cited):
    status: str
    occurred: PartialDateOut | None
    note: str


class ChargeOut(Cited):
    id: int
    case: Link
    defendant: Link
    article: str | None
    offence: str
    note: str
    events: list[ChargeEventOut]


class PersonDetail(PersonOut):
    name_variants: list[str]
    affiliations: list[AffiliationOut]
    designations: list[DesignationOut]
    detentions: list[DetentionOut]
    charges: list[ChargeOut]


class OrganisationOut(Cited):
    id: int
    slug: str
    url: str
    page_url: str
    name: str
    native_name: str
    kind: str
    place: PlaceOut | None
    summary: str


class OrganisationDetail(OrganisationOut):
    parent: Link | None
    members: list[Link]


class CaseOut(Cited):
    id: int
    slug: str
    url: str
    page_url: str
    title: str
    kind: str
    number: str
    opened: PartialDateOut | None
    summary: str
    defendants: list[Link]
    articles: list[str]


class CaseDetail(CaseOut):
    charges: list[ChargeOut]
    hearings: list[Link]


class JudgeOut(Schema):
    name: str
    presiding: bool


class SentenceOut(Schema):
    prison_months: int | None
    prison_months_max: int | None
    regime: str
    suspended_months: int | None
    probation_months: int | None
    fine_amount: str | None
    fine_currency: str


class OutcomeOut(Cited):
    defendant: Link
    verdict: str
    certainty: str
    note: str
    sentence: SentenceOut | None


class HearingOut(Cited):
    id: int
    slug: str
    url: str
    page_url: str
    case: Link
    court: Link | None
    instance: str
    held: PartialDateOut | None
    closed_to_public: bool | None
    lawyer_present: bool | None
    summary: str
    judges: list[JudgeOut]


class HearingDetail(HearingOut):
    outcomes: list[OutcomeOut]


class CountOut(Cited):
    kind: str
    count: BoundsOut
    note: str


class IncidentOut(Cited):
    id: int
    slug: str
    url: str
    page_url: str
    title: str
    kind: str
    started: PartialDateOut | None
    ended: PartialDateOut | None
    place: PlaceOut | None
    summary: str
    counts: list[CountOut]


class InvolvementOut(Cited):
    person: Link | None
    organisation: Link | None
    role: str
    note: str


class IncidentDetail(IncidentOut):
    involvements: list[InvolvementOut]
    cases: list[Link]


class SourceOut(Schema):
    id: int
    key: str
    url: str
    page_url: str
    title: str
    kind: str
    publisher: str
    author: str
    published: PartialDateOut | None
    address: str
    language: str
    summary: str


class ArticleOut(Cited):
    id: int
    slug: str
    url: str
    page_url: str
    code: str
    instrument: str
    version: str
    article: str
    part: str
    title: str
    in_force_from: int | None
    in_force_until: int | None


class PlaceDetail(Cited):
    id: int
    slug: str
    url: str
    page_url: str
    name: str
    native_name: str
    kind: str
    parent: PlaceOut | None
    latitude: float | None
    longitude: float | None


class PageOut(Schema):
    """One page of a list: ``next`` is the address of the following page, or null at the end."""

    next: str | None


class PersonPage(PageOut):
    results: list[PersonOut]


class OrganisationPage(PageOut):
    results: list[OrganisationOut]


class CasePage(PageOut):
    results: list[CaseOut]


class HearingPage(PageOut):
    results: list[HearingOut]


class IncidentPage(PageOut):
    results: list[IncidentOut]


class SourcePage(PageOut):
    results: list[SourceOut]


class ArticlePage(PageOut):
    results: list[ArticleOut]


class PlacePage(PageOut):
    results: list[PlaceDetail]


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None
