"""The read-only JSON API, version 1: every public record kind, as its public pages show it.

django-ninja builds the OpenAPI schema from the response schemas. Each list goes through its
page's ``PublicList`` (the same FilterSet and the same ``.public()`` queryset) and each detail
through its page's selector, so the API shows exactly what the pages show. The list order is by
id, for the cursor (``pagination``): a page's ``sort`` is not an API parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.throttling import AnonRateThrottle

from cases.selectors import articles_for_list, case_for_detail, hearing_for_detail
from cases.views import CASES, HEARINGS
from casetracker.footnotes import cited
from casetracker.listing import PublicList
from casetracker.models import Place, SourceDocument
from casetracker.site.api import records, schemas
from casetracker.site.api.pagination import page
from casetracker.site.people.concern import with_concern
from casetracker.site.people.selectors import organization_for_detail, person_for_detail
from casetracker.site.people.views import ORGANIZATIONS, PEOPLE
from casetracker.site.views import SOURCES
from events.selectors import incident_for_detail
from events.views import INCIDENTS

# Query parameters of the API itself, not of the list's FilterSet.
NOT_FILTERS = ("cursor", "limit", "sort")


class AddressThrottle(AnonRateThrottle):
    """Anonymous clients, per address (``NINJA_NUM_PROXIES`` says which), at
    ``settings.API_THROTTLE_RATE`` ("120/m"; empty for none), read on each request."""

    def allow_request(self, request: HttpRequest) -> bool:
        if not settings.API_THROTTLE_RATE:
            return True
        self.rate = settings.API_THROTTLE_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


api = NinjaAPI(
    title="Mangistau case tracker",
    version="1",
    description="The public records of the registry, read-only. Every list takes the filters "
    "of its public page, and `cursor` and `limit` (1–200).",
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url="/docs/",
    throttle=[AddressThrottle()],
)


class InvalidFiltersError(Exception):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("invalid filters")
        self.errors = errors


@api.exception_handler(InvalidFiltersError)
def invalid_filters(request: HttpRequest, error: InvalidFiltersError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "invalid filters", "errors": error.errors}, status=400
    )


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": "invalid input"}, status=400)


def filter_parameters(spec: PublicList) -> dict[str, Any]:
    """The list's filters as OpenAPI query parameters, from its FilterSet's form."""
    form = spec.filterset_class().form
    parameters = []
    for name, field in form.fields.items():
        if name in NOT_FILTERS:
            continue
        suffixes = getattr(field.widget, "suffixes", None)
        description = " ".join(str(text) for text in (field.label, field.help_text) if text)
        for key in [f"{name}_{suffix}" for suffix in suffixes] if suffixes else [name]:
            parameters.append(
                {
                    "in": "query",
                    "name": key,
                    "required": False,
                    "schema": {"type": "string"},
                    "description": description,
                }
            )
    return {"parameters": parameters}


def listed(
    request: HttpRequest,
    spec: PublicList,
    present: Callable[[HttpRequest, Any], records.Record],
    extra: Callable[[QuerySet[Any]], QuerySet[Any]] = lambda rows: rows,
) -> dict[str, Any]:
    """One page of ``spec``'s rows as the request filters them; bad filters are a 400."""
    data = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key not in NOT_FILTERS:
            data.setlist(key, values)
    filterset, rows, valid = spec.filtered(data)
    if not valid:
        raise InvalidFiltersError(
            {name: list(errors) for name, errors in filterset.form.errors.items()}
        )
    shown, following = page(request, extra(rows))
    return {"results": [present(request, row) for row in shown], "next": following}


def found(rows: QuerySet[Any], **lookup: str) -> Any:
    record = rows.filter(**lookup).first()
    if record is None:
        raise Http404("not found")
    return record


def with_citations(rows: QuerySet[Any]) -> QuerySet[Any]:
    return rows.prefetch_related(cited())


@api.get(
    "/people/",
    response=schemas.PersonPage,
    url_name="person_list",
    openapi_extra=filter_parameters(PEOPLE),
    tags=["people"],
)
def person_list(request: HttpRequest) -> dict[str, Any]:
    return listed(request, PEOPLE, records.person)


@api.get(
    "/people/{slug}/",
    response={200: schemas.PersonDetail, 404: schemas.ErrorOut},
    url_name="person_detail",
    tags=["people"],
)
def person_detail(request: HttpRequest, slug: str) -> records.Record:
    return records.person_detail(request, found(with_concern(person_for_detail()), slug=slug))


@api.get(
    "/organisations/",
    response=schemas.OrganisationPage,
    url_name="organization_list",
    openapi_extra=filter_parameters(ORGANIZATIONS),
    tags=["organisations"],
)
def organization_list(request: HttpRequest) -> dict[str, Any]:
    return listed(request, ORGANIZATIONS, records.organization, with_citations)


@api.get(
    "/organisations/{slug}/",
    response={200: schemas.OrganisationDetail, 404: schemas.ErrorOut},
    url_name="organization_detail",
    tags=["organisations"],
)
def organization_detail(request: HttpRequest, slug: str) -> records.Record:
    return records.organization_detail(request, found(organization_for_detail(), slug=slug))


@api.get(
    "/cases/",
    response=schemas.CasePage,
    url_name="case_list",
    openapi_extra=filter_parameters(CASES),
    tags=["cases"],
)
def case_list(request: HttpRequest) -> dict[str, Any]:
    return listed(request, CASES, records.case, with_citations)


@api.get(
    "/cases/{slug}/",
    response={200: schemas.CaseDetail, 404: schemas.ErrorOut},
    url_name="case_detail",
    tags=["cases"],
)
def case_detail(request: HttpRequest, slug: str) -> records.Record:
    return records.case_detail(request, found(case_for_detail(), slug=slug))


@api.get(
    "/hearings/",
    response=schemas.HearingPage,
    url_name="hearing_list",
    openapi_extra=filter_parameters(HEARINGS),
    tags=["hearings"],
)
def hearing_list(request: HttpRequest) -> dict[str, Any]:
    return listed(request, HEARINGS, records.hearing, with_citations)


@api.get(
    "/hearings/{slug}/",
    response={200: schemas.HearingDetail, 404: schemas.ErrorOut},
    url_name="hearing_detail",
    tags=["hearings"],
)
def hearing_detail(request: HttpRequest, slug: str) -> records.Record:
    return records.hearing_detail(request, found(hearing_for_detail(), slug=slug))


@api.get(
    "/incidents/",
    response=schemas.IncidentPage,
    url_name="incident_list",
    openapi_extra=filter_parameters(INCIDENTS),
    tags=["incidents"],
)
def incident_list(request: HttpRequest) -> dict[str, Any]:
    return listed(
        request,
        INCIDENTS,
        records.incident,
        lambda rows: rows.prefetch_related(cited(), cited("counts")),
    )


@api.get(
    "/incidents/{slug}/",
    response={200: schemas.IncidentDetail, 404: schemas.ErrorOut},
    url_name="incident_detail",
    tags=["incidents"],
)
def incident_detail(request: HttpRequest, slug: str) -> records.Record:
    return records.incident_detail(request, found(incident_for_detail(), slug=slug))


@api.get(
    "/sources/",
    response=schemas.SourcePage,
    url_name="source_list",
    openapi_extra=filter_parameters(SOURCES),
    tags=["sources"],
)
def source_list(request: HttpRequest) -> dict[str, Any]:
    return listed(request, SOURCES, records.source)


@api.get(
    "/sources/{key}/",
    response={200: schemas.SourceOut, 404: schemas.ErrorOut},
    url_name="source_detail",
    tags=["sources"],
)
def source_detail(request: HttpRequest, key: str) -> records.Record:
    return records.source(request, found(SourceDocument.objects.public(), key=key))


@api.get("/articles/", response=schemas.ArticlePage, url_name="article_list", tags=["articles"])
def article_list(request: HttpRequest) -> dict[str, Any]:
    shown, following = page(request, with_citations(articles_for_list()))
    return {"results": [records.article(request, row) for row in shown], "next": following}


@api.get(
    "/articles/{slug}/",
    response={200: schemas.ArticleOut, 404: schemas.ErrorOut},
    url_name="article_detail",
    tags=["articles"],
)
def article_detail(request: HttpRequest, slug: str) -> records.Record:
    return records.article(request, found(with_citations(articles_for_list()), slug=slug))


def places() -> QuerySet[Place]:
    """Places are reference data, public without a workflow, as their pages are."""
    return Place.objects.select_related("parent").prefetch_related(cited())


@api.get("/places/", response=schemas.PlacePage, url_name="place_list", tags=["places"])
def place_list(request: HttpRequest) -> dict[str, Any]:
    shown, following = page(request, places())
    return {"results": [records.place_detail(request, row) for row in shown], "next": following}


@api.get(
    "/places/{slug}/",
    response={200: schemas.PlaceDetail, 404: schemas.ErrorOut},
    url_name="place_detail",
    tags=["places"],
)
def place_detail(request: HttpRequest, slug: str) -> records.Record:
    return records.place_detail(request, found(places(), slug=slug))
