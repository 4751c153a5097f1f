"""Template helpers of the public site: footnote markers and names that may be shown."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict
from django.utils.translation import gettext as _

register = template.Library()


def public_or_none(record: Any) -> Any:
    """``record`` if readers may see it, else None: a draft court's name stays in the admin."""
    if record is None or not getattr(record, "is_public", True):
        return None
    return record


@register.filter
def if_public(record: Any) -> Any:
    return public_or_none(record)


@register.filter
def shown_name(person: Any) -> str:
    """The name a public page may print for a person who may be unpublished or anonymised."""
    if public_or_none(person) is None:
        return _("a person not named here")
    return str(person.public_name)


@register.inclusion_tag("casetracker/_refs.html")
def refs(numbers: list[int]) -> dict[str, Any]:
    return {"numbers": numbers}


@register.simple_tag
def with_query(query: str, **changes: Any) -> str:
    """The query string ``query`` with ``changes`` set (None removes a key)."""
    params = QueryDict(query, mutable=True)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return params.urlencode()
