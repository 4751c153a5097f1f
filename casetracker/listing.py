"""The machinery every public list shares: validated filters, sorting, pagination, exports.

A list is described once by a ``PublicList`` (its FilterSet, its queryset, the noun it counts and
the columns it exports); the HTML page and the CSV and JSON downloads all go through
``filtered()``, so an export holds exactly the rows the page lists.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import models
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django_filters.constants import EMPTY_VALUES

from casetracker.page_cache import cached_count
from casetracker.partial_dates import undated_last

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PAGE_SIZE = 25
# The empty choice of every select in a filter form.
ANY = gettext_lazy("any")
# Rows fetched per round trip while streaming an export; prefetches run once per chunk.
EXPORT_CHUNK = 500
# Query parameters that are not filters: kept out of "active filters" and export links.
NOT_FILTERS = ("page",)
# Characters that make a spreadsheet read a CSV cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The last line of an export the database stopped answering for: the CSV's, a row of one cell;
# the JSON's, after a list left unclosed, so no parser takes the file for complete.
CSV_INCOMPLETE = "# INCOMPLETE EXPORT: the database stopped answering; download it again\r\n"
JSON_INCOMPLETE = "\nINCOMPLETE EXPORT: the database stopped answering; download it again\n"
# What the columns many exports share mean, for their ``description``.
EDTF_DATE = gettext_lazy(
    "A date only as precise as the sources give it (EDTF): 2011-12-16, 2011-12 or 2011; "
    "2011-12~ is about then, [..2011-12-16] on or before, [2011-12-16..] on or after. "
    "Empty: not known."
)
PAGE_PATH = gettext_lazy("The record's page on this site (its permanent address, a path).")


class DateRangeWidget(django_filters.widgets.DateRangeWidget):
    """The two date inputs of a range, each with its own accessible name: one label cannot
    point at two inputs, so the form shows the range as a fieldset."""

    def __init__(self) -> None:
        super().__init__(attrs={"type": "date"})
        for widget, name in zip(
            self.widgets, (gettext_lazy("from"), gettext_lazy("until")), strict=True
        ):
            widget.attrs["aria-label"] = name


def date_range_filter(label: StrOrPromise, field_name: str) -> django_filters.DateFromToRangeFilter:
    """A filter on a date between two days, either of which the reader may leave empty."""
    return django_filters.DateFromToRangeFilter(
        label=label,
        field_name=field_name,
        widget=DateRangeWidget(),
        help_text=gettext_lazy("Either date may be left empty."),
    )


class SortFilter(django_filters.OrderingFilter):
    """The reader's choice of order, the same on SQLite and PostgreSQL: records whose value is
    unknown come last either way, and ties fall back to the primary key, so pages never
    overlap. Columns that cannot be empty keep a plain order, which their indexes answer."""

    def filter(self, qs: models.QuerySet[Any], value: Any) -> models.QuerySet[Any]:
        if value in EMPTY_VALUES:
            return qs
        return qs.order_by(*(self._ordering(qs.model, param) for param in value), "pk")

    def _ordering(self, model: type[models.Model], param: str) -> Any:
        ordering = self.get_ordering_value(param)
        name = ordering.removeprefix("-")
        try:
            nullable = getattr(model._meta.get_field(name), "null", False)
        except FieldDoesNotExist:  # an annotation, such as the name shown
            nullable = False
        if not nullable:
            return ordering
        return undated_last(name, descending=ordering.startswith("-"))


@dataclass(frozen=True)
class Column:
    """One exported column: its header, how to read it from a row, and what it means (the data
    dictionary page shows the description beside the header)."""

    header: str
    value: Callable[[Any], Any]
    description: StrOrPromise


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    remove_query: str
    """The query string of the same list without this filter."""


@dataclass
class PublicList:
    """A public list page and its exports."""

    filterset_class: type[django_filters.FilterSet]
    queryset: Callable[[], models.QuerySet[Any]]
    """Builds the published rows with what the page shows prefetched (called per request)."""
    template: str
    counted: Any
    """What a row is called, singular and plural: ``ngettext_lazy("%(count)s person", ...)``."""
    columns: list[Column] = field(default_factory=list)
    export_name: str = "export"
    present: Callable[[list[Any]], list[Any]] | None = None
    """Turns a batch of rows into what the template shows and the columns read (e.g. with
    derived values, worked out once per row)."""
    breakdown: Callable[[models.QuerySet[Any]], str] | None = None
    """Says what the count is made of, from the filtered rows (one query)."""

    def presented(self, rows: Iterator[Any]) -> Iterator[Any]:
        """``rows`` as ``present`` turns them, a chunk at a time, for a streamed export."""
        if self.present is None:
            yield from rows
            return
        while chunk := list(islice(rows, EXPORT_CHUNK)):
            yield from self.present(chunk)

    def count_label(self, count: int) -> str:
        return str(self.counted % {"count": count})

    def filtered(
        self, data: QueryDict
    ) -> tuple[django_filters.FilterSet, models.QuerySet[Any], bool]:
        """The bound FilterSet, its rows, and whether the filters were valid.

        django-filter's ``.qs`` quietly ignores a bad value; a reader who typed a bad date must
        see the error and no rows rather than an unfiltered list that looks filtered.
        """
        filterset = self.filterset_class(data, queryset=self.queryset())
        if filterset.is_valid():
            return filterset, filterset.qs, True
        return filterset, filterset.queryset.none(), False


def active_filters(filterset: django_filters.FilterSet, data: QueryDict) -> list[ActiveFilter]:
    """The filters a reader set, in readable form, each with a link that removes it."""
    if not filterset.is_valid():
        return []
    active = []
    for name, value in filterset.form.cleaned_data.items():
        sent = any(key == name or key.startswith(f"{name}_") for key in data)
        # An unsent filter is not one the reader set, whatever its empty value cleans to (an
        # unticked box cleans to False).
        if not sent or value in (None, "", [], ()) or name in NOT_FILTERS:
            continue
        bound = filterset.form[name]
        shown = _readable(bound.field, value)
        without = data.copy()
        for key in list(without):
            if key == name or key.startswith(f"{name}_"):
                del without[key]
        without.pop("page", None)
        active.append(ActiveFilter(str(bound.label), shown, without.urlencode()))
    return active


def _readable(form_field: Any, value: Any) -> str:
    if isinstance(value, slice):
        return "–".join(str(part) for part in (value.start, value.stop) if part is not None)
    choices = dict(getattr(form_field, "choices", ()) or ())
    if isinstance(value, list | tuple):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if isinstance(value, bool):
        return str(choices.get(value, value))
    return str(choices.get(value, value))


class CountCachedPaginator(Paginator):
    """Pages of a queryset whose count is shared until the records change."""

    object_list: models.QuerySet[Any]

    @cached_property
    def count(self) -> int:
        return cached_count(self.object_list)


def paginate(queryset: models.QuerySet[Any], number: str | None) -> Page:
    """The requested page; a page that is not a number or past the end answers 404."""
    paginator = CountCachedPaginator(queryset, PAGE_SIZE)
    try:
        return paginator.page(number or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def query_without(data: QueryDict, *keys: str) -> str:
    without = data.copy()
    for key in keys:
        without.pop(key, None)
    return without.urlencode()


def _without_empty(data: QueryDict) -> str:
    kept = QueryDict(mutable=True)
    for key, values in data.lists():
        kept.setlist(key, [value for value in values if value != ""])
    return kept.urlencode()


def render_list(
    request: HttpRequest, spec: PublicList, extra: dict[str, Any] | None = None
) -> HttpResponse:
    if "" in request.GET.values():
        # A form sends every field; the page's address keeps only the filters the reader set,
        # so it reads, shares and caches as what it shows.
        kept = _without_empty(request.GET)
        return redirect(f"{request.path}?{kept}" if kept else request.path)
    filterset, rows, valid = spec.filtered(request.GET)
    page = paginate(rows, request.GET.get("page"))
    count = page.paginator.count
    rows_shown = list(page.object_list)
    context = {
        "filter": filterset,
        "page_obj": page,
        "rows": spec.present(rows_shown) if spec.present else rows_shown,
        "count": count,
        "count_label": spec.count_label(count),
        "breakdown": spec.breakdown(rows) if spec.breakdown and count else "",
        "active_filters": active_filters(filterset, request.GET),
        "query": query_without(request.GET, "page"),
        "export_query": query_without(request.GET, "page"),
        **(extra or {}),
    }
    return render(request, spec.template, context, status=200 if valid else 400)


def export(request: HttpRequest, spec: PublicList, fmt: str) -> StreamingHttpResponse:
    """The filtered list as CSV or JSON, streamed row by row.

    The first chunk of rows is read before the response starts, so a database outage answers
    the 503 page like any other page, not a 200 that breaks off. Should the database fail later
    the file ends in a way no reader takes for complete (``_until_failure``).
    """
    if fmt not in ("csv", "json"):
        raise Http404("exports are csv or json")
    filterset, rows, valid = spec.filtered(request.GET)
    if not valid:
        # The list page's 400 and errors, as text: an empty file would pass for "no such rows".
        return StreamingHttpResponse(
            [_error_lines(filterset.form)], status=400, content_type="text/plain; charset=utf-8"
        )
    presented = spec.presented(rows.iterator(chunk_size=EXPORT_CHUNK))
    first = list(islice(presented, 1))  # runs the query and its prefetches for the first chunk
    iterator = chain(first, presented)
    if fmt == "csv":
        response = StreamingHttpResponse(
            _until_failure(_csv_lines(spec.columns, iterator), CSV_INCOMPLETE),
            content_type="text/csv; charset=utf-8",
        )
    else:
        response = StreamingHttpResponse(
            _until_failure(_json_chunks(spec.columns, iterator), JSON_INCOMPLETE),
            content_type="application/json",
        )
    response["Content-Disposition"] = f'attachment; filename="{spec.export_name}.{fmt}"'
    # The licence the about page states, for whoever has the file but not the page (RFC 8288).
    response["Link"] = f'<{settings.DATA_LICENCE["url"]}>; rel="license"'
    return response


def _error_lines(form: forms.Form) -> str:
    """The form's errors, one "label: message" line each, as the list page shows them."""
    return "".join(
        f"{form[name].label if name in form.fields else name}: {message}\n"
        for name, messages in form.errors.items()
        for message in messages
    )


def _until_failure(chunks: Iterator[str], incomplete: str) -> Iterator[str]:
    """``chunks``, and ``incomplete`` after them if producing them failed (the database went
    away mid-stream). The error is raised again so the server logs it and breaks the transfer
    off; the last line is for whoever kept the file regardless."""
    try:
        yield from chunks
    except Exception:
        yield incomplete
        raise


class _Echo:
    """csv.writer writes into this and hands the line back instead of buffering it."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(columns: list[Column], rows: Iterable[Any]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([column.header for column in columns])
    for row in rows:
        yield writer.writerow([_csv_cell(column.value(row)) for column in columns])


def _json_chunks(columns: list[Column], rows: Iterable[Any]) -> Iterator[str]:
    yield "["
    for index, row in enumerate(rows):
        record = {column.header: _plain(column.value(row)) for column in columns}
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def _csv_cell(value: Any) -> Any:
    """A CSV cell no spreadsheet runs as a formula.

    Text starting with one of ``FORMULA_STARTS`` gets a leading ``'`` as OWASP recommends,
    whatever follows ("-5" as text too: a spreadsheet shows it as text, which it is). Numbers
    are written as numbers: a negative int is not text a spreadsheet parses as a formula. JSON
    is read by programs, not spreadsheets, and is left as it is.
    """
    plain = _plain(value)
    text = "; ".join(plain) if isinstance(plain, list) else plain
    if isinstance(text, str) and text.startswith(FORMULA_STARTS):
        return f"'{text}"
    return text


def _plain(value: Any) -> Any:
    """A value CSV and JSON both hold: text, numbers, None, or a list of text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)
