"""Full-text search over titles and summaries, with ranking and highlighted snippets.

PostgreSQL: a weighted ``tsvector`` (title above summary) matched by ``websearch_to_tsquery``
(which accepts any input, quotes and minus signs included), accents ignored through
``unaccent``, ranked by ``ts_rank`` and highlighted by ``ts_headline``. Each searched table has a
GIN index of exactly this vector (casetracker migration 0007, which also creates the IMMUTABLE
``casetracker_unaccent`` an index needs), so only the rows found have their vector computed, to
rank them. Change the vector and that migration's indexes go unused: write a new one.

SQLite with FTS5 (``casetracker.fts``): every word of the query must begin a word of the title or
summary, case and accents ignored, ranked by ``bm25`` (title above summary) and highlighted by
FTS5's ``snippet``. The user's words are quoted, never read as FTS syntax.

SQLite without FTS5: every word of the query must appear in one of the fields (plain
``contains``, ASCII case-insensitive); snippets are cut around the first word found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from django.db import connection, models
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from casetracker import fts

M = TypeVar("M", bound=models.Model)

MAX_WORDS = 8
SNIPPET_CHARS = 200
# Control characters no summary contains mark the highlights, so the text can be escaped first.
START, STOP = fts.START, fts.STOP
CONFIG = "english"
# unaccent() with its dictionary named, IMMUTABLE so that indexes may use it (migration 0007).
UNACCENT = "casetracker_unaccent"


def search_words(query: str) -> list[str]:
    return query.split()[:MAX_WORDS]


def _unaccent(expression: models.Expression | models.F) -> models.Func:
    return models.Func(expression, function=UNACCENT)


def text_search(
    queryset: models.QuerySet[M],
    query: str,
    fields: Sequence[str],
    *,
    snippet_field: str,
    extra: models.Q | None = None,
) -> models.QuerySet[M]:
    """Rows whose ``fields`` contain ``query`` (or that meet ``extra``), best first.

    Rows carry ``text_snippet``, see :func:`snippet`. ``fields`` go from most to least weighty.
    """
    words = search_words(query)
    if not words:
        return queryset.none() if extra is None else queryset.filter(extra)
    if connection.vendor == "postgresql":
        return _postgres_search(queryset, " ".join(words), fields, snippet_field, extra)
    if fts.fts_in_use() and fts.kind_of(queryset.model) is not None:
        return _fts_search(queryset, words, snippet_field, extra)
    condition = models.Q()
    for word in words:
        in_any = models.Q()
        for field in fields:
            in_any |= models.Q(**{f"{field}__icontains": word})
        condition &= in_any
    if extra is not None:
        condition |= extra
    return queryset.filter(condition).annotate(text_snippet=models.F(snippet_field))


def _fts_search(
    queryset: models.QuerySet[M],
    words: list[str],
    snippet_field: str,
    extra: models.Q | None,
) -> models.QuerySet[M]:
    """SQLite's FTS5 table: one subquery for the matching rows, one per row for rank and snippet."""
    match = fts.match_expression(words)
    if match is None:
        return queryset.none() if extra is None else queryset.filter(extra)
    model = queryset.model
    condition = models.Q(pk__in=fts.matching_ids(model, match))
    if extra is not None:
        condition |= extra
    return (
        queryset.filter(condition)
        .annotate(
            text_rank=fts.rank(model, match),
            text_snippet=Coalesce(fts.highlighted(model, match), models.F(snippet_field)),
        )
        .order_by(
            models.F("text_rank").asc(nulls_last=True),
            *queryset.query.order_by or model._meta.ordering,
        )
    )


def _postgres_search(
    queryset: models.QuerySet[M],
    query: str,
    fields: Sequence[str],
    snippet_field: str,
    extra: models.Q | None,
) -> models.QuerySet[M]:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    weights = "ABCD"
    vector: SearchVector | CombinedExpression = SearchVector(
        _unaccent(models.F(fields[0])), weight=weights[0], config=CONFIG
    )
    for weight, field in zip(weights[1:], fields[1:], strict=False):
        vector += SearchVector(_unaccent(models.F(field)), weight=weight, config=CONFIG)
    search_query = SearchQuery(
        _unaccent(models.Value(query)), search_type="websearch", config=CONFIG
    )
    # The rows found, as a subquery: the index serves it alone, whereas ORed with ``extra``'s
    # subqueries in one WHERE it would not be used and every row's vector computed.
    found = (
        queryset.model._base_manager.alias(text_document=vector)
        .filter(text_document=search_query)
        .values("pk")
    )
    condition = models.Q(pk__in=found)
    if extra is not None:
        condition |= extra
    return (
        queryset.filter(condition)
        .annotate(
            text_rank=SearchRank(vector, search_query),
            text_snippet=SearchHeadline(
                snippet_field,
                search_query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=30,
                min_words=12,
            ),
        )
        .order_by("-text_rank", *queryset.query.order_by or queryset.model._meta.ordering)
    )


def snippet(record: models.Model, query: str) -> SafeString:
    """HTML of the record's snippet with the query's words in ``<mark>``, the rest escaped."""
    text = getattr(record, "text_snippet", "") or ""
    if START not in text:
        text = _mark_words(text, search_words(query))
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308  # everything but our own marks was escaped above


def _mark_words(text: str, words: list[str]) -> str:
    """SQLite's snippet: a window of ``text`` around the first word found, words marked."""
    words = [word for word in words if word.strip()]
    if not words:
        return text[:SNIPPET_CHARS]
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - SNIPPET_CHARS // 3) if first else 0
    window = text[start : start + SNIPPET_CHARS]
    marked = pattern.sub(lambda found: f"{START}{found.group(0)}{STOP}", window)
    return ("…" if start else "") + marked + ("…" if start + SNIPPET_CHARS < len(text) else "")
