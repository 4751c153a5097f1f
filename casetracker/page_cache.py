"""Whole public pages cached for anonymous readers, dropped by any change to the records.

The cache key holds the content version (``ContentVersion``), which every save and delete of a
record replaces in the same transaction: a page is never served for data older than the last
commit, so an unpublished record leaves the public site with the commit that unpublished it.
Readers who are logged in, requests other than GET, and answers other than a complete 200 page
(errors, redirects, streamed exports) always go to the view.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from typing import Any

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from casetracker.health import UNAVAILABLE
from casetracker.models import ContentVersion, NameKey

# Apps whose records the public pages show; derived tables are rebuilt with their owners.
RECORD_APPS = frozenset({"casetracker", "people", "cases", "events"})
NOT_CONTENT = (ContentVersion, NameKey)
# URL names outside the record apps' namespaces that are public pages.
PUBLIC_PAGES = frozenset({"home", "search"})
PUBLIC_NAMESPACES = RECORD_APPS


def current_version() -> int:
    # Read on every anonymous request, so in plain SQL: building the ORM query cost three times
    # the round trip to PostgreSQL, and sixteen times the query on SQLite.
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 (a model's table)
        row = cursor.fetchone()
    return row[0] if row else 0


def new_version() -> None:
    """Invalidate every cached page: call after writes that send no signals (``bulk_create``)."""
    token = secrets.randbits(63)
    if not ContentVersion.objects.filter(pk=1).update(token=token):
        ContentVersion.objects.update_or_create(pk=1, defaults={"token": token})


def cached_count(queryset: QuerySet[Any]) -> int:
    """``queryset.count()``, kept until the records change: every page of a long filtered list
    shares one count, which at a million rows costs more than reading the page itself."""
    if not settings.PAGE_CACHE_SECONDS or queryset.query.is_empty():
        return queryset.count()
    query = hashlib.sha256(str(queryset.query).encode()).hexdigest()
    key = f"count:{current_version()}:{query}"
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, settings.PAGE_CACHE_SECONDS)
    return count


def _on_write(sender: Any, **kwargs: Any) -> None:
    # A migration's historical models are not the app's: migrate itself is followed by a new
    # version (below), once the table exists.
    if sender._meta.apps is not global_apps:
        return
    if sender._meta.app_label in RECORD_APPS and not issubclass(sender, NOT_CONTENT):
        new_version()


def _after_migrate(sender: Any, app_config: Any, using: str, **kwargs: Any) -> None:
    if app_config.label == "casetracker":
        new_version()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_write, dispatch_uid=f"page_cache_{signal}")
    post_migrate.connect(_after_migrate, dispatch_uid="page_cache_migrate")


def _is_public_page(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    return match.namespace in PUBLIC_NAMESPACES or match.url_name in PUBLIC_PAGES


def _cache_key(request: HttpRequest) -> str:
    # Scheme and host too: pages such as the feed hold absolute links built from them, and one
    # request through another allowed host or with X-Forwarded-Proto must not fix those links
    # for every reader after it.
    # Today's date too: a record page's citation says when it was accessed.
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    today = timezone.localdate().isoformat()
    return f"page:{current_version()}:{today}:{request.LANGUAGE_CODE}:{url}"


class PublicPageCacheMiddleware:
    """Serves and stores anonymous readers' public pages (after Locale and Authentication)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, "page_cache_key", None)
        if key and response.status_code == 200 and not response.streaming and not response.cookies:
            page = (response.content, response["Content-Type"])
            cache.set(key, page, settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if (
            not settings.PAGE_CACHE_SECONDS
            or request.method != "GET"
            or not _is_public_page(request)
            or request.user.is_authenticated
        ):
            return None
        try:
            key = _cache_key(request)
        except UNAVAILABLE:
            return None  # the view meets the same error and answers with the 503 page
        page = cache.get(key)
        if page is None:
            request.page_cache_key = key  # type: ignore[attr-defined]
            return None
        content, content_type = page
        return HttpResponse(content, content_type=content_type)
