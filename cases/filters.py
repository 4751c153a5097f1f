"""Filters of the public case and hearing lists; relations are matched through public rows only."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Charge, Hearing, LegalArticle, Outcome
from casetracker.listing import ANY, UndatedLastOrderingFilter
from people.models import Organization

YES_NO = [("true", _("yes")), ("false", _("no"))]


def _courts(request: object) -> QuerySet[Organization]:
    return Organization.objects.public().filter(kind=Organization.Kind.COURT)


class CaseFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(empty_label=ANY, label=_("Kind"), choices=Case.Kind.choices)
    article = django_filters.ModelChoiceFilter(
        empty_label=ANY,
        label=_("Article charged"),
        queryset=LegalArticle.objects.all(),
        to_field_name="slug",
        method="filter_article",
    )
    court = django_filters.ModelChoiceFilter(
        empty_label=ANY,
        label=_("Court"),
        queryset=_courts,
        to_field_name="slug",
        method="filter_court",
    )
    outcome = django_filters.ChoiceFilter(
        empty_label=ANY,
        label=_("Outcome"),
        choices=Outcome.Verdict.choices,
        method="filter_outcome",
    )
    year = django_filters.NumberFilter(
        label=_("Opened in (year)"),
        field_name="opened_on",
        lookup_expr="year",
        min_value=1990,
        max_value=2100,
        decimal_places=0,
    )
    sort = UndatedLastOrderingFilter(
        label=_("Sort by"),
        dates=("opened_on",),
        fields=(("opened_on", "opened"), ("title", "title")),
        choices=[
            ("opened", _("opened, earliest first")),
            ("-opened", _("opened, latest first")),
            ("title", _("title")),
        ],
        empty_label=None,
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_article(
        self, queryset: QuerySet[Any], name: str, value: LegalArticle
    ) -> QuerySet[Any]:
        return queryset.filter(pk__in=Charge.objects.public().filter(article=value).values("case"))

    def filter_court(
        self, queryset: QuerySet[Any], name: str, value: Organization
    ) -> QuerySet[Any]:
        return queryset.filter(pk__in=Hearing.objects.public().filter(court=value).values("case"))

    def filter_outcome(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        decided = Outcome.objects.public().filter(verdict=value).values("hearing__case")
        return queryset.filter(pk__in=decided)


class HearingFilter(django_filters.FilterSet):
    held = django_filters.DateFromToRangeFilter(
        label=_("Held between"),
        field_name="held_on",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
        help_text=_("From and to (YYYY-MM-DD); either may be left empty."),
    )
    court = django_filters.ModelChoiceFilter(
        empty_label=ANY, label=_("Court"), queryset=_courts, to_field_name="slug"
    )
    instance = django_filters.ChoiceFilter(
        empty_label=ANY, label=_("Instance"), choices=Hearing.Instance.choices
    )
    outcome = django_filters.ChoiceFilter(
        empty_label=ANY,
        label=_("Outcome"),
        choices=Outcome.Verdict.choices,
        method="filter_outcome",
    )
    closed = django_filters.ChoiceFilter(
        empty_label=ANY,
        label=_("Closed to the public"),
        choices=YES_NO,
        method="filter_closed",
    )
    no_lawyer = django_filters.BooleanFilter(
        label=_("No defence lawyer present"),
        method="filter_no_lawyer",
        widget=forms.CheckboxInput,
    )
    sort = UndatedLastOrderingFilter(
        label=_("Sort by"),
        dates=("held_on",),
        fields=(("held_on", "date"),),
        choices=[("date", _("date, earliest first")), ("-date", _("date, latest first"))],
        empty_label=None,
    )

    class Meta:
        model = Hearing
        fields: list[str] = []

    def filter_outcome(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        decided = Outcome.objects.public().filter(verdict=value).values("hearing")
        return queryset.filter(pk__in=decided)

    def filter_closed(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(closed_to_public=value == "true")

    def filter_no_lawyer(self, queryset: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        # An unticked box means "any hearing", not "hearings with a lawyer".
        return queryset.filter(lawyer_present=False) if value else queryset
