"""Filters of the public incident list."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from casetracker.listing import ANY, UndatedLastOrderingFilter
from casetracker.models import Place
from events.models import CountKind, Incident, IncidentCount

# "At least one person killed", by the lower bound of the killed count as reported: "up to 3
# killed" may be none, and an incident whose death toll no source gives counts as without deaths.
# No .public() inside: a count is public with its incident, which the outer query checks.
WITH_DEATHS = Exists(
    IncidentCount.objects.filter(incident=OuterRef("pk"), kind=CountKind.KILLED, minimum__gte=1)
)


class IncidentFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        empty_label=ANY, label=_("Kind"), choices=Incident.Kind.choices
    )
    place = django_filters.ModelChoiceFilter(
        empty_label=ANY, label=_("Place"), queryset=Place.objects.all(), to_field_name="slug"
    )
    started = django_filters.DateFromToRangeFilter(
        label=_("Between"),
        field_name="started_on",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
        help_text=_("From and to (YYYY-MM-DD); either may be left empty."),
    )
    deaths = django_filters.ChoiceFilter(
        empty_label=ANY,
        label=_("Deaths"),
        choices=[("with", _("with deaths")), ("without", _("without reported deaths"))],
        method="filter_deaths",
    )
    sort = UndatedLastOrderingFilter(
        label=_("Sort by"),
        dates=("started_on",),
        fields=(("started_on", "date"), ("title", "title")),
        choices=[
            ("date", _("date, earliest first")),
            ("-date", _("date, latest first")),
            ("title", _("title")),
        ],
        empty_label=None,
    )

    class Meta:
        model = Incident
        fields: list[str] = []

    def filter_deaths(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(WITH_DEATHS if value == "with" else ~WITH_DEATHS)
