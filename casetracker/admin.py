"""Admin of the shared records: sources and their citations, places."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from casetracker.admin_base import NameSearchMixin, PublishableAdmin, RecordAdmin, can_publish
from casetracker.models import Citation, ImportJob, Place, PlaceName, SourceDocument


def admin_link(record: Any) -> str:
    """Link to a record's admin page, or its name when it has none."""
    opts = record._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    except NoReverseMatch:
        return str(record)
    return format_html('<a href="{}">{}</a>', url, record)


def records_with_their_parents(citations: QuerySet[Citation]) -> GenericPrefetch:
    """Prefetch the cited records, each with the records its name is made of.

    One query per kind of record, not per citation: a detention is named after its person, a
    hearing after its case and court, so their foreign keys come along.
    """
    content_types = ContentType.objects.filter(pk__in=citations.values("content_type").distinct())
    querysets = []
    for content_type in content_types:
        model = content_type.model_class()
        if model is None:
            continue
        parents = [
            field.name
            for field in model._meta.concrete_fields
            if field.many_to_one and field.name != "content_type"
        ]
        querysets.append(model._default_manager.select_related(*parents))
    return GenericPrefetch("record", querysets)


@admin.register(SourceDocument)
class SourceDocumentAdmin(PublishableAdmin):
    list_display = ["title", "key", "kind", "publisher", "published", "citation_count", "status"]
    list_filter = ["status", "kind", "visibility", "language"]
    search_fields = ["title", "key", "publisher", "author"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"key": ["title"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # Django 6's default
    readonly_fields = ["published_at", "supports"]
    fieldsets = [
        (None, {"fields": ["title", "key", "kind", "publisher", "author", "url", "language"]}),
        (_("Date"), {"fields": ["published_on", "published_precision", "published_date_inferred"]}),
        (_("Content"), {"fields": ["summary", "text"]}),
        (_("Publication"), {"fields": ["status", "visibility", "published_at"]}),
        (_("What it supports"), {"fields": ["supports"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[SourceDocument]:
        # An aggregate drops Meta.ordering; autocomplete pages need an order.
        return (
            super()
            .get_queryset(request)
            .annotate(citation_total=Count("citations"))
            .order_by("published_on", "title")
        )

    @admin.display(description=_("citations"), ordering="citation_total")
    def citation_count(self, source: Any) -> int:
        return source.citation_total

    @admin.display(description=_("records citing it"))
    def supports(self, source: SourceDocument) -> str:
        if source.pk is None:
            return "—"
        citations = (
            source.citations.select_related("content_type")
            .prefetch_related(records_with_their_parents(source.citations.all()))
            .order_by("content_type", "object_id", "locator")
        )
        rows = [
            (
                citation.content_type.name,
                admin_link(citation.record) if citation.record else "—",
                citation.locator,
                citation.summary,
            )
            for citation in citations
        ]
        if not rows:
            return "—"
        return format_html(
            "<table>{}</table>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )


@admin.register(Citation)
class CitationAdmin(RecordAdmin):
    list_display = ["source", "locator", "content_type", "record_link", "confidence", "summary"]
    list_filter = ["confidence", "content_type", "source__kind"]
    list_select_related = ["source", "content_type"]
    search_fields = ["locator", "summary", "excerpt", "claim", "source__title", "source__key"]
    autocomplete_fields = ["source"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Citation]:
        queryset = super().get_queryset(request)
        return queryset.prefetch_related(records_with_their_parents(queryset))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "content_type":
            kwargs["queryset"] = ContentType.objects.filter(
                app_label__in=["casetracker", "people", "cases", "events"]
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("record"))
    def record_link(self, citation: Citation) -> str:
        return admin_link(citation.record) if citation.record else "—"


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 1
    fields = ["name", "script", "kind"]


@admin.register(Place)
class PlaceAdmin(NameSearchMixin, RecordAdmin):
    list_display = ["name", "native_name", "kind", "parent", "latitude", "longitude"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PlaceNameInline]


@admin.register(PlaceName)
class PlaceNameAdmin(RecordAdmin):
    list_display = ["name", "place", "script", "kind"]
    list_filter = ["script", "kind"]
    list_select_related = ["place"]
    search_fields = ["name", "folded", "place__name"]
    autocomplete_fields = ["place"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Background imports (casetracker.import_jobs): each user sees their own, editors all. Read
    only; a job's page reloads itself until the job is over."""

    list_display = ["__str__", "file_name", "user", "state", "progress", "created_at"]
    list_filter = ["state", "records"]
    list_select_related = ["user"]
    readonly_fields = (
        "records", "file_name", "format", "user", "state", "progress", "result", "refused",
        "created_at", "finished_at",
    )  # fmt: skip
    fields = readonly_fields
    change_form_template = "admin/casetracker/importjob/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImportJob]:
        jobs = super().get_queryset(request).defer("data")
        return jobs if can_publish(request) else jobs.filter(user=request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a job is queued by uploading a long file on an import page

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("progress"))
    def progress(self, job: ImportJob) -> str:
        return _("%(done)s of %(total)s rows") % {
            "done": f"{job.rows_done:,}",
            "total": f"{job.rows_total:,}",
        }

    @admin.display(description=_("result"))
    def result(self, job: ImportJob) -> str:
        if not job.totals:
            return "—"
        # In this order: PostgreSQL's jsonb keeps keys in an order of its own.
        words = {"new": _("new"), "update": _("updated"), "skip": _("unchanged")}
        return ", ".join(
            f"{job.totals[kind]:,} {word}" for kind, word in words.items() if job.totals.get(kind)
        )

    @admin.display(description=_("refused"))
    def refused(self, job: ImportJob) -> str:
        if not job.errors:
            return "—"
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("row"),
            _("why"),
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td></tr>",
                ((error["row"] or _("file"), " ".join(error["messages"])) for error in job.errors),
            ),
        )
