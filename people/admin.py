"""Admin of people and organisations: spellings, affiliations, designations, duplicates, merging.

A person's page also shows what other apps hang on a person (detentions, charges, outcomes,
involvements) and what is derived from them (status, days held). ``people`` imports neither
``cases`` nor ``events``: those apps add their part through ``PersonAdmin.extend``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from casetracker.admin_base import (
    NameSearchMixin,
    PreloadedAutocompleteMixin,
    PublishableAdmin,
    RecordAdmin,
    WorkflowForm,
)
from casetracker.imports import RecordImportExportMixin
from casetracker.name_search import filter_by_name
from people.merge import MergeError, person_merge
from people.models import (
    Affiliation,
    Designation,
    Organization,
    OrganizationName,
    Person,
    PersonName,
    PersonRedirect,
    Role,
    anonymous_slug,
)
from people.resources import PersonResource


def likely_duplicates(*spellings: str, exclude_pk: int | None = None) -> QuerySet[Person]:
    """People whose name or a stored variant matches any of ``spellings``."""
    matches = Person.objects.none()
    for spelling in spellings:
        if spelling and spelling.strip():
            matches |= filter_by_name(Person.objects.all(), spelling)
    if exclude_pk is not None:
        matches = matches.exclude(pk=exclude_pk)
    return matches.order_by("name")


class PersonForm(WorkflowForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            # An anonymised person's or a group's address is made up (Person.save): none to type.
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Made up for a person shown without a name.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug"):
            if cleaned.get("anonymity", self.instance.anonymity) == Person.Anonymity.NAMED:
                self.add_error("slug", forms.Field.default_error_messages["required"])
            else:
                cleaned["slug"] = anonymous_slug()
        if cleaned.get("members") and cleaned.get("kind", self.instance.kind) != Person.Kind.GROUP:
            self.add_error("members", _("Only a group has members: one person has none."))
        return cleaned


class PersonAddForm(PersonForm):
    """The add form: before a new person is saved, show who they might already be."""

    not_a_duplicate = forms.BooleanField(
        label=_("This is a different person"),
        required=False,
        help_text=_("Tick after checking the people listed above: none of them is this person."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("not_a_duplicate"):
            return cleaned
        candidates = list(
            likely_duplicates(
                cleaned.get("name", ""), cleaned.get("native_name", ""), *self.extra_spellings
            )[:10]
        )
        if candidates:
            links = format_html_join(
                ", ",
                '<a href="{}" target="_blank">{}</a>',
                (
                    (reverse("admin:people_person_change", args=[person.pk]), person)
                    for person in candidates
                ),
            )
            raise forms.ValidationError(
                format_html(
                    "{} {}. {}",
                    _("This may be someone already entered:"),
                    links,
                    _(
                        "If so, add your spelling to that person instead; if not, tick "
                        "“This is a different person” and save again."
                    ),
                ),
                code="likely_duplicate",
            )
        return cleaned

    @property
    def extra_spellings(self) -> list[str]:
        """Spellings typed into the names inline of the same page (not yet validated)."""
        return [
            value
            for key, value in self.data.items()
            if key.startswith("names-") and key.endswith("-name") and isinstance(value, str)
        ]


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 1
    fields = ["name", "script", "kind"]
    verbose_name_plural = _("other spellings (every form a source uses, in any script)")


class AffiliationInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["organization"]
    fields = [
        "organization",
        "role",
        "started_on",
        "started_precision",
        "started_qualifier",
        "ended_on",
        "ended_precision",
        "ended_qualifier",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Affiliation]:
        return super().get_queryset(request).select_related("organization", "person")


class DesignationInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = Designation
    extra = 0
    autocomplete_fields = ["designated_by"]
    fields = [
        "kind",
        "designated_by",
        "designated_on",
        "designated_precision",
        "designated_qualifier",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Designation]:
        return super().get_queryset(request).select_related("designated_by", "person")


@admin.register(Person)
class PersonAdmin(RecordImportExportMixin, NameSearchMixin, PublishableAdmin):
    """People: every spelling, what they belong to, and (added by other apps) what befell them."""

    resource_classes = [PersonResource]
    # Filled by extend(): read-only values derived from other apps' rows, and the prefetches
    # that give them what they read.
    derived_fields: list[str] = []
    object_prefetches: list[Callable[[Person], None]] = []

    @classmethod
    def extend(
        cls,
        *,
        inlines: Iterable[Any] = (),
        derived: Iterable[Callable[[Person], str]] = (),
        prefetch: Callable[[Person], None] | None = None,
    ) -> None:
        """Add an app's inlines, derived read-only values (``admin.display`` functions of a
        person) and the prefetch they need to every person's page."""
        cls.inlines = [*cls.inlines, *inlines]
        for function in derived:
            setattr(cls, function.__name__, staticmethod(function))
            cls.derived_fields = [*cls.derived_fields, function.__name__]
        if prefetch is not None:
            cls.object_prefetches = [*cls.object_prefetches, prefetch]

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        person = super().get_object(request, object_id, from_field)
        if person is not None:
            for prefetch in self.object_prefetches:
                prefetch(person)
        return person

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [*super().get_readonly_fields(request, obj), *self.derived_fields]

    form = PersonForm
    list_display = ["__str__", "native_name", "slug", "kind", "anonymity", "status", "visibility"]
    list_filter = ["status", "visibility", "kind", "anonymity", "roles"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["roles"]
    autocomplete_fields = ["members"]
    inlines: list[Any] = [PersonNameInline, AffiliationInline, DesignationInline]
    actions = ["publish", "unpublish", "merge_people"]
    fieldsets = [
        (None, {"fields": ["name", "native_name", "slug", "roles", "summary"]}),
        (_("Anonymity"), {"fields": ["anonymity", "public_label"]}),
        (
            _("Group"),
            {
                "fields": [
                    "kind",
                    ("headcount_min", "headcount_max", "headcount_approximate"),
                    "members",
                ],
                "description": _(
                    "For people a source describes together without naming them all ('17 "
                    "sentenced to 3 to 7 years'): their headcount as the source gives it, and "
                    "those of them it names."
                ),
            },
        ),
        (_("Publication"), {"fields": ["status", "visibility", "published_at"]}),
    ]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        if obj is None:
            kwargs["form"] = PersonAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return [*fieldsets, (_("Possible duplicates"), {"fields": ["not_a_duplicate"]})]
        if self.derived_fields:
            derived = (_("Derived from the records"), {"fields": self.derived_fields})
            return [*fieldsets, derived]
        return fieldsets

    @admin.action(description=_("Merge the selected people into one"), permissions=["publish"])
    def merge_people(self, request: HttpRequest, queryset: QuerySet[Person]) -> HttpResponse | None:
        people = list(queryset.order_by("name"))
        if len(people) < 2:
            self.message_user(request, _("Select at least two people to merge."), messages.WARNING)
            return None
        keep_pk = request.POST.get("keep")
        if keep_pk and request.POST.get("confirm") == "yes":
            keep = next((person for person in people if str(person.pk) == keep_pk), None)
            if keep is None:
                self.message_user(request, _("Choose one of the selected people."), messages.ERROR)
                return None
            try:
                with transaction.atomic():  # all of them or none
                    for duplicate in people:
                        if duplicate.pk != keep.pk:
                            person_merge(keep=keep, duplicate=duplicate, by=request.user)
            except MergeError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                _("Merged into %(person)s; the old addresses redirect there.") % {"person": keep},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge people"),
            "people": people,
            "opts": self.model._meta,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/people/person/merge.html", context)


@admin.register(Role)
class RoleAdmin(RecordAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class OrganizationNameInline(admin.TabularInline):
    model = OrganizationName
    extra = 1
    fields = ["name", "script", "kind"]


@admin.register(Organization)
class OrganizationAdmin(NameSearchMixin, PublishableAdmin):
    list_display = ["name", "native_name", "kind", "parent", "place", "status"]
    list_filter = ["status", "kind", "visibility"]
    list_select_related = ["parent", "place"]
    autocomplete_fields = ["parent", "place"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganizationNameInline]


@admin.register(PersonName)
class PersonNameAdmin(RecordAdmin):
    list_display = ["name", "person", "script", "kind"]
    list_filter = ["script", "kind"]
    list_select_related = ["person"]
    search_fields = ["name", "folded"]
    people_search = ("person",)
    autocomplete_fields = ["person"]


@admin.register(OrganizationName)
class OrganizationNameAdmin(RecordAdmin):
    list_display = ["name", "organization", "script", "kind"]
    list_filter = ["script", "kind"]
    list_select_related = ["organization"]
    search_fields = ["name", "folded", "organization__name"]
    autocomplete_fields = ["organization"]


@admin.register(Affiliation)
class AffiliationAdmin(RecordAdmin):
    list_display = ["person", "role", "organization", "started", "ended"]
    list_filter = ["organization__kind"]
    list_select_related = ["person", "organization"]
    search_fields = ["organization__name", "role"]
    people_search = ("person",)
    autocomplete_fields = ["person", "organization"]
    date_hierarchy = "started_on"


@admin.register(Designation)
class DesignationAdmin(RecordAdmin):
    list_display = ["person", "kind", "designated_by", "designated"]
    list_filter = ["kind", "designated_by"]
    list_select_related = ["person", "designated_by"]
    search_fields = ["designated_by__name"]
    people_search = ("person",)
    autocomplete_fields = ["person", "designated_by"]
    date_hierarchy = "designated_on"


@admin.register(PersonRedirect)
class PersonRedirectAdmin(admin.ModelAdmin):
    """Made by merges only, never typed (a typed one could point a guessed name at an
    anonymised person); shown so researchers can see where an old address goes."""

    list_display = ["old_slug", "target", "created_at"]
    list_select_related = ["person"]
    search_fields = ["old_slug", "person__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("goes to"))
    def target(self, redirect: PersonRedirect) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:people_person_change", args=[redirect.person_id]),
            redirect.person,
        )
