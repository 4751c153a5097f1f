"""Filters of the public source list."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from casetracker.listing import ANY, SortFilter
from casetracker.models import SourceDocument


class SourceFilter(django_filters.FilterSet):
    publisher = django_filters.CharFilter(
        label=_("Publisher"), lookup_expr="icontains", max_length=100
    )
    kind = django_filters.ChoiceFilter(
        empty_label=ANY, label=_("Kind"), choices=SourceDocument.Kind.choices
    )
    year = django_filters.NumberFilter(
        label=_("Published in (year)"),
        field_name="published_on",
        lookup_expr="year",
        min_value=1990,
        max_value=2100,
        decimal_places=0,
    )
    sort = SortFilter(
        label=_("Sort by"),
        fields=(("published_on", "date"), ("title", "title"), ("publisher", "publisher")),
        choices=[
            ("date", _("date, earliest first")),
            ("-date", _("date, latest first")),
            ("title", _("title")),
            ("publisher", _("publisher")),
        ],
        empty_label=None,
    )

    class Meta:
        model = SourceDocument
        fields: list[str] = []
