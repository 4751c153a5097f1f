"""Filters of the public people and organisation lists.

Every filter that follows a relation matches through that relation's ``.public()`` rows only:
a draft charge must not put its defendant in the list of people charged under an article.
The people filtered are public already (the list's queryset), so those rows' own ``.public()``
leaves the person out rather than join them again for every row it reads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Charge, Detention, LegalArticle
from cases.status import PersonStatus, in_status
from casetracker.listing import ANY, SortFilter
from casetracker.models import Place
from casetracker.name_search import filter_by_name, name_condition
from casetracker.site.people.concern import Concern, in_concern
from events.models import Involvement
from people.models import Affiliation, Designation, Organization, Person, Role

LISTED_PERSON = ("person",)


def public_name_condition(value: str) -> Q:
    """Any spelling of a named person's name, or an anonymised person's public label.

    An anonymised person must not be found by their real name: that would tie the name to them.
    """
    by_name = name_condition(Person, value)
    named = Q(anonymity=Person.Anonymity.NAMED) & (by_name if by_name is not None else Q(pk__in=[]))
    labelled = ~Q(anonymity=Person.Anonymity.NAMED) & Q(public_label__icontains=value.strip())
    return named | labelled


def name_filter(queryset: QuerySet[Any], value: str) -> QuerySet[Any]:
    return queryset.filter(public_name_condition(value)) if value.strip() else queryset


class PersonFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        label=_("Name"), method="filter_name", max_length=100, help_text=_("Any spelling.")
    )
    role = django_filters.ModelChoiceFilter(
        empty_label=ANY,
        label=_("Role"),
        queryset=Role.objects.all(),
        to_field_name="slug",
        field_name="roles",
    )
    organisation = django_filters.ModelChoiceFilter(
        empty_label=ANY,
        label=_("Organisation"),
        queryset=Organization.objects.public(),
        to_field_name="slug",
        method="filter_organisation",
    )
    status = django_filters.ChoiceFilter(
        empty_label=ANY,
        label=_("Current status"),
        choices=PersonStatus.choices,
        method="filter_status",
    )
    article = django_filters.ModelChoiceFilter(
        empty_label=ANY,
        label=_("Charged under"),
        queryset=LegalArticle.objects.all(),
        to_field_name="slug",
        method="filter_article",
    )
    place = django_filters.ModelChoiceFilter(
        empty_label=ANY,
        label=_("Place"),
        queryset=Place.objects.all(),
        to_field_name="slug",
        method="filter_place",
        help_text=_("Where they were detained or took part in an incident."),
    )
    year = django_filters.NumberFilter(
        label=_("Detained in (year)"),
        method="filter_year",
        min_value=1990,
        max_value=2100,
        decimal_places=0,
    )
    held_on = django_filters.DateFilter(
        label=_("Held on"),
        method="filter_held_on",
        help_text=_("In custody on this day, detained or serving a prison term (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    concern = django_filters.ChoiceFilter(
        empty_label=ANY,
        label=_("Concern"),
        choices=Concern.choices,
        method="filter_concern",
        help_text=_("Whom the registry is about, or people it only mentions."),
    )
    kind = django_filters.ChoiceFilter(
        empty_label=ANY,
        label=_("One person or a group"),
        choices=Person.Kind.choices,
        help_text=_("Groups are people the sources describe together without naming them all."),
    )
    designation = django_filters.ChoiceFilter(
        empty_label=ANY,
        label=_("Designation"),
        choices=Designation.Kind.choices,
        method="filter_designation",
    )
    sort = SortFilter(
        label=_("Sort by"),
        fields=(("sort_name", "name"),),
        choices=[("name", _("name, A–Z")), ("-name", _("name, Z–A"))],
        empty_label=None,
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_name(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return name_filter(queryset, value)

    def filter_organisation(
        self, queryset: QuerySet[Any], name: str, value: Organization
    ) -> QuerySet[Any]:
        members = Affiliation.objects.public(except_via=LISTED_PERSON).filter(organization=value)
        return queryset.filter(pk__in=members.values("person"))

    def filter_status(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return in_status(queryset, value, timezone.localdate())

    def filter_article(
        self, queryset: QuerySet[Any], name: str, value: LegalArticle
    ) -> QuerySet[Any]:
        charged = Charge.objects.public(except_via=("defendant",)).filter(article=value)
        return queryset.filter(pk__in=charged.values("defendant"))

    def filter_place(self, queryset: QuerySet[Any], name: str, value: Place) -> QuerySet[Any]:
        detained = (
            Detention.objects.public(except_via=LISTED_PERSON).filter(place=value).values("person")
        )
        involved = (
            Involvement.objects.public(except_via=LISTED_PERSON)
            .filter(incident__place=value)
            .values("person")
        )
        return queryset.filter(pk__in=detained) | queryset.filter(pk__in=involved)

    def filter_year(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        detained = Detention.objects.public(except_via=LISTED_PERSON).filter(
            started_on__year=int(value)
        )
        return queryset.filter(pk__in=detained.values("person"))

    def filter_held_on(self, queryset: QuerySet[Any], name: str, value: date) -> QuerySet[Any]:
        # Held by a detention or serving a prison term: the status rule's "in custody".
        return in_status(queryset, PersonStatus.IN_CUSTODY, value)

    def filter_concern(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return in_concern(queryset, value)

    def filter_designation(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        designated = Designation.objects.public(except_via=LISTED_PERSON).filter(kind=value)
        return queryset.filter(pk__in=designated.values("person"))


class OrganizationFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("Name"), method="filter_name", max_length=100)
    kind = django_filters.ChoiceFilter(
        empty_label=ANY, label=_("Kind"), choices=Organization.Kind.choices
    )
    sort = SortFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("kind", "kind")),
        choices=[("name", _("name, A–Z")), ("-name", _("name, Z–A")), ("kind", _("kind"))],
        empty_label=None,
    )

    class Meta:
        model = Organization
        fields: list[str] = []

    def filter_name(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return filter_by_name(queryset, value)
