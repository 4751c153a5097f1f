"""Admin of incidents and who took part."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casetracker.admin_base import PreloadedAutocompleteMixin, PublishableAdmin, RecordAdmin
from events.models import CountKind, Incident, IncidentCount, Involvement
from people.admin import PersonAdmin


class InvolvementInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = Involvement
    extra = 1
    fields = ["person", "organization", "role", "note"]
    autocomplete_fields = ["person", "organization"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Involvement]:
        return super().get_queryset(request).select_related("incident", "person", "organization")


class IncidentCountInline(admin.TabularInline):
    """The incident's counts, one row per kind; cite each on its own page (the row's link)."""

    model = IncidentCount
    extra = 1
    fields = ["kind", "minimum", "maximum", "approximate", "note"]
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[IncidentCount]:
        return super().get_queryset(request).select_related("incident")


class PersonInvolvementInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = Involvement
    fk_name = "person"
    extra = 0
    fields = ["incident", "role", "note"]
    autocomplete_fields = ["incident"]
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Involvement]:
        return super().get_queryset(request).select_related("incident", "person", "organization")


@admin.register(Incident)
class IncidentAdmin(PublishableAdmin):
    list_display = ["title", "kind", "started", "place", "killed", "detained", "status"]
    list_filter = ["status", "kind", "visibility", "place"]
    list_select_related = ["place"]
    search_fields = ["title", "slug", "summary"]
    date_hierarchy = "started_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["place", "cases"]
    inlines = [IncidentCountInline, InvolvementInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "place", "summary", "cases"]}),
        (
            _("When"),
            {
                "fields": [
                    "started_on",
                    "started_precision",
                    "started_qualifier",
                    "ended_on",
                    "ended_precision",
                    "ended_qualifier",
                ]
            },
        ),
        (_("Publication"), {"fields": ["status", "visibility", "published_at"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Incident]:
        # The changelist's killed and detained columns read the prefetched counts.
        return super().get_queryset(request).prefetch_related("counts")

    @admin.display(description=pgettext_lazy("people counted", "killed"))
    def killed(self, incident: Incident) -> str | None:
        return _bounds_of(incident, CountKind.KILLED)

    @admin.display(description=pgettext_lazy("people counted", "detained"))
    def detained(self, incident: Incident) -> str | None:
        return _bounds_of(incident, CountKind.DETAINED)


def _bounds_of(incident: Incident, kind: str) -> str | None:
    count = incident.count_of(kind)
    return None if count is None else str(count.bounds)


@admin.register(IncidentCount)
class IncidentCountAdmin(RecordAdmin):
    list_display = ["incident", "kind", "bounds", "note"]
    list_filter = ["kind"]
    list_select_related = ["incident"]
    search_fields = ["incident__title", "note"]
    autocomplete_fields = ["incident"]
    fields = ["incident", "kind", "minimum", "maximum", "approximate", "note"]

    @admin.display(description=_("how many"))
    def bounds(self, count: IncidentCount) -> str:
        return str(count.bounds)


@admin.register(Involvement)
class InvolvementAdmin(RecordAdmin):
    list_display = ["incident", "person", "organization", "role"]
    list_filter = ["role", "incident__kind"]
    list_select_related = ["incident", "person", "organization"]
    search_fields = ["incident__title", "organization__name", "note"]
    people_search = ("person",)
    autocomplete_fields = ["incident", "person", "organization"]


# A person's page lists their involvements; people may not import events.
PersonAdmin.extend(inlines=[PersonInvolvementInline])
