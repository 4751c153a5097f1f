"""Admin of incidents and who took part."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from casetracker.admin_base import PreloadedAutocompleteMixin, PublishableAdmin, RecordAdmin
from events.models import Incident, Involvement
from people.admin import PersonAdmin


class InvolvementInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = Involvement
    extra = 1
    fields = ["person", "organization", "role", "note"]
    autocomplete_fields = ["person", "organization"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Involvement]:
        return super().get_queryset(request).select_related("incident", "person", "organization")


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
    inlines = [InvolvementInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "place", "summary", "cases"]}),
        (_("When"), {"fields": ["started_on", "started_precision", "ended_on", "ended_precision"]}),
        (
            _("Counts (as reported: a lower and, where known, an upper bound)"),
            {
                "fields": [
                    ("participants_min", "participants_max"),
                    ("detained_min", "detained_max"),
                    ("injured_min", "injured_max"),
                    ("killed_min", "killed_max"),
                ]
            },
        ),
        (_("Publication"), {"fields": ["status", "visibility", "published_at"]}),
    ]


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
