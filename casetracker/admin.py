"""Admin of the shared records: sources and their citations, places."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from casetracker.admin_base import (
    NameSearchMixin,
    PublishableAdmin,
    RecordAdmin,
    WorkflowForm,
    can_publish,
)
from casetracker.models import (
    AuditEntry,
    Citation,
    ImportJob,
    PendingChange,
    Place,
    PlaceName,
    Reading,
    SourceDocument,
)
from casetracker.moderation import ProposalError, accept, describe, reject


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


class SourceDocumentForm(WorkflowForm):
    """A new source's key is made from its title unless typed; a stored one stays, since
    addresses and citations use it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "key" in self.fields and self.instance._state.adding:
            self.fields["key"].required = False
            self.fields["key"].help_text = _(
                "Stable short name used in citations and URLs. Leave empty to make one from the "
                "title (and the language, when not English)."
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        key = self.fields.get("key")
        title = cleaned.get("title")
        if key is not None and not key.required and not cleaned.get("key") and title:
            cleaned["key"] = SourceDocument.free_key(title, cleaned.get("language", ""))
        return cleaned


@admin.register(SourceDocument)
class SourceDocumentAdmin(PublishableAdmin):
    form = SourceDocumentForm
    list_display = ["title", "key", "kind", "publisher", "published", "citation_count", "status"]
    list_filter = ["status", "kind", "visibility", "language"]
    search_fields = ["title", "key", "publisher", "author"]
    date_hierarchy = "published_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # Django 6's default
    readonly_fields = ["published_at", "supports"]
    fieldsets = [
        (None, {"fields": ["title", "key", "kind", "publisher", "author", "url", "language"]}),
        (
            _("Date"),
            {
                "fields": [
                    "published_on",
                    "published_precision",
                    "published_qualifier",
                    "published_date_inferred",
                ]
            },
        ),
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


class OurRecordsMixin:
    """Admins of rows that point at any record: the record's kind is one of ours, linked."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        return queryset.prefetch_related(records_with_their_parents(queryset))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "content_type":
            kwargs["queryset"] = ContentType.objects.filter(
                app_label__in=["casetracker", "people", "cases", "events"]
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    @admin.display(description=_("record"))
    def record_link(self, row: Any) -> str:
        return admin_link(row.record) if row.record else "—"


@admin.register(Citation)
class CitationAdmin(OurRecordsMixin, RecordAdmin):
    list_display = ["source", "locator", "content_type", "record_link", "confidence", "summary"]
    list_filter = ["confidence", "content_type", "source__kind"]
    list_select_related = ["source", "content_type"]
    search_fields = ["locator", "summary", "excerpt", "claim", "source__title", "source__key"]
    autocomplete_fields = ["source"]


@admin.register(Reading)
class ReadingAdmin(OurRecordsMixin, RecordAdmin):
    """Why a disputed attribute's stored value was chosen, or that none was; those without a
    chosen reading are the queue the list's basis filter shows."""

    list_display = ["content_type", "record_link", "attribute", "basis", "note"]
    list_filter = ["basis", "content_type"]
    list_select_related = ["content_type"]
    search_fields = ["attribute", "note"]


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


class WrittenByTheSystemAdmin(admin.ModelAdmin):
    """Rows the admin writes itself as people work: read here, never typed or removed."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PendingChange)
class PendingChangeAdmin(WrittenByTheSystemAdmin):
    """The editors' queue of researchers' changes to what readers see; researchers see theirs.

    Nothing here is edited: an editor reads the field-by-field diff and accepts or rejects.
    """

    list_display = ["__str__", "content_type", "proposed_by", "proposed_at", "state", "decided_by"]
    list_filter = ["state", "content_type"]
    list_select_related = ["content_type", "proposed_by", "decided_by"]
    search_fields = ["title", "proposed_by__username"]
    readonly_fields = fields = (
        "title", "content_type", "record_link", "proposed_by", "proposed_at", "state",
        "decided_by", "decided_at", "decision_note", "diff",
    )  # fmt: skip

    actions = ["reject_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PendingChange]:
        queryset = super().get_queryset(request)
        return queryset if can_publish(request) else queryset.filter(proposed_by=request.user)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return can_publish(request)

    @admin.action(description=_("Reject the selected proposals"), permissions=["publish"])
    def reject_selected(self, request: HttpRequest, queryset: QuerySet[PendingChange]) -> None:
        pending = list(queryset.filter(state=PendingChange.State.PENDING))
        for change in pending:
            reject(change, by=request.user)
        self.message_user(
            request,
            ngettext("Rejected %d proposal.", "Rejected %d proposals.", len(pending))
            % len(pending),
            messages.SUCCESS,
        )

    def get_urls(self) -> list[Any]:
        decide = self.admin_site.admin_view(self.decide_view)
        return [
            path("<int:pk>/decide/", decide, name="casetracker_pendingchange_decide"),
            *super().get_urls(),
        ]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        context = {"can_decide": can_publish(request), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    def decide_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not can_publish(request):
            raise PermissionDenied
        change = get_object_or_404(PendingChange, pk=pk)
        decision = request.POST.get("decision")
        try:
            if decision == "accept":
                accept(change, by=request.user)
                self.message_user(request, _("Accepted: the change is public."), messages.SUCCESS)
            elif decision == "reject":
                reject(change, by=request.user, note=request.POST.get("note", "")[:2000])
                self.message_user(request, _("Rejected: nothing was changed."), messages.SUCCESS)
            else:
                return HttpResponseBadRequest(_("Choose accept or reject."))
        except ProposalError as error:
            self.message_user(request, str(error), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:casetracker_pendingchange_change", args=[pk]))

    @admin.display(description=_("record"))
    def record_link(self, change: PendingChange) -> str:
        return admin_link(change.record) if change.record else "—"

    @admin.display(description=_("what it changes"))
    def diff(self, change: PendingChange) -> str:
        blocks = [
            format_html(
                "<h3>{} {}</h3><table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th>"
                "<th scope='col'>{}</th></tr></thead><tbody>{}</tbody></table>",
                entry.action,
                entry.record,
                _("field"),
                _("now"),
                _("proposed"),
                format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", entry.changes),
            )
            for entry in describe(change)
        ]
        return format_html_join("", "{}", ((block,) for block in blocks)) or "—"


@admin.register(AuditEntry)
class AuditEntryAdmin(WrittenByTheSystemAdmin):
    """Read by editors: refused editor-only changes, proposals and decisions."""

    list_display = ["at", "user", "action", "content_type", "object_id", "detail"]
    list_filter = ["action", "content_type"]
    list_select_related = ["user", "content_type"]
    search_fields = ["user__username", "detail"]
    date_hierarchy = "at"


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
