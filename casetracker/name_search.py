"""Finding people, organisations and places by any spelling of their name.

Every searchable model has a ``name`` and a ``names`` relation of NameVariant rows whose ``folded``
column is the matching key. This module is the one place name matching is decided: public list
filters, the search page and the admin's duplicate warning all call it.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models

from casetracker.names import fold_name

M = TypeVar("M", bound=models.Model)


def filter_by_name(queryset: models.QuerySet[M], query: str) -> models.QuerySet[M]:
    """Rows of ``queryset`` whose name or any stored spelling contains ``query`` (folded)."""
    key = fold_name(query)
    if not key:
        return queryset
    matching = queryset.model._default_manager.filter(
        models.Q(names__folded__contains=key) | models.Q(name__icontains=query.strip())
    ).values("pk")
    return queryset.filter(pk__in=matching)
