"""Cursor pagination: keyset on the primary key, so a page never repeats or skips a row when
records are published while a client walks the list, and page 1,000 costs what page 1 does.

The cursor is opaque to clients (base64 of the last id seen); one that does not decode is a 400.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja.errors import HttpError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
PREFIX = "after:"


def encode(pk: int) -> str:
    return base64.urlsafe_b64encode(f"{PREFIX}{pk}".encode()).decode().rstrip("=")


def decode(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise HttpError(400, "invalid cursor") from error
    number = text.removeprefix(PREFIX)
    if not text.startswith(PREFIX) or not number.isdigit():
        raise HttpError(400, "invalid cursor")
    return int(number)


def limit_of(request: HttpRequest) -> int:
    text = request.GET.get("limit", "")
    if not text:
        return DEFAULT_LIMIT
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise HttpError(400, f"limit: a whole number from 1 to {MAX_LIMIT}")
    return int(text)


def page(request: HttpRequest, rows: QuerySet[Any]) -> tuple[list[Any], str | None]:
    """The rows after the request's cursor, in id order, and the next page's address."""
    limit = limit_of(request)
    cursor = request.GET.get("cursor")
    ordered = rows.order_by("pk")
    if cursor is not None:
        ordered = ordered.filter(pk__gt=decode(cursor))
    found = list(ordered[: limit + 1])
    if len(found) <= limit:
        return found, None
    shown = found[:limit]
    query = request.GET.copy()
    query["cursor"] = encode(shown[-1].pk)
    return shown, request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
