# ruff: noqa: S608, S611  # the SQL holds our own constants only; user text goes in as parameters
"""SQLite's full-text index (FTS5) of titles and summaries, for ``text_search``.

One FTS5 table holds every searchable record: its title (empty for people and organisations) and
its summary, folded for case and accents by the ``unicode61`` tokenizer. A row's ``rowid`` is the
record's primary key times :data:`KINDS_SPAN` plus its kind's number, so the search page looks a
record's rank and snippet up by rowid. Drafts and restricted records are indexed too: searches
only ever filter querysets that are already ``.public()``.

The table exists only on SQLite builds with FTS5 (casetracker migration 0005); elsewhere
:func:`fts_in_use` is false and ``text_search`` uses PostgreSQL's search or a plain contains.
Saves and deletes (fixtures' raw saves included) keep it in step; ``rebuild_search_index``
refills it after writes that bypass signals (bulk_create, ``update()``, SQL imports).
"""

from __future__ import annotations

import sqlite3
from functools import cache
from typing import Any

from django.apps import apps
from django.db import connection, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.signals import post_delete, post_save

TABLE = "casetracker_search_text"
# Model label: (number in the rowid, title field or "", body field).
KINDS: dict[str, tuple[int, str, str]] = {
    "people.person": (1, "", "summary"),
    "people.organization": (2, "", "summary"),
    "cases.case": (3, "title", "summary"),
    "events.incident": (4, "title", "summary"),
    "casetracker.sourcedocument": (5, "title", "summary"),
}
KINDS_SPAN = 8
# bm25 weights of (title, body): a word in the title counts ten times one in the summary.
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
# Control characters no summary contains mark the highlights (see text_search.snippet).
START, STOP = "\x02", "\x03"
SNIPPET_TOKENS = 24
MAX_WORDS = 8

CREATE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} "
    "USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')"
)
DROP_SQL = f"DROP TABLE IF EXISTS {TABLE}"


@cache
def fts5_available() -> bool:
    """Whether this process's SQLite library has FTS5 (asked of a private in-memory database,
    so that no query is spent on it)."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


def fts_in_use(using: BaseDatabaseWrapper | None = None) -> bool:
    return (using or connection).vendor == "sqlite" and fts5_available()


def kind_of(model: type[models.Model]) -> tuple[int, str, str] | None:
    return KINDS.get(model._meta.label_lower)


def match_expression(words: list[str]) -> str | None:
    """An FTS5 query every word of which must begin a word of the row, with no FTS syntax of the
    user's: each word is a quoted string (its quotes doubled) followed by our own prefix ``*``.
    Words with nothing to index (punctuation, emoji) are dropped; None when none is left."""
    kept = [word.replace("\x00", "") for word in words]
    kept = [word for word in kept if any(char.isalnum() for char in word)]
    if not kept:
        return None
    return " ".join('"{}" *'.format(word.replace('"', '""')) for word in kept[:MAX_WORDS])


def _row_id_sql(model: type[models.Model], number: int) -> str:
    quote = connection.ops.quote_name
    return f"{quote(model._meta.db_table)}.{quote(model._meta.pk.column)} * {KINDS_SPAN} + {number}"


def matching_ids(model: type[models.Model], match: str) -> models.expressions.RawSQL:
    """The primary keys of ``model`` rows whose title or body holds every word."""
    number = kind_of(model)[0]  # type: ignore[index]
    return models.expressions.RawSQL(
        f"SELECT rowid / {KINDS_SPAN} FROM {TABLE} "
        f"WHERE {TABLE} MATCH %s AND rowid %% {KINDS_SPAN} = {number}",
        (match,),
    )


def rank(model: type[models.Model], match: str) -> models.expressions.RawSQL:
    """The row's bm25 score (lower is better), NULL when the text does not match."""
    number = kind_of(model)[0]  # type: ignore[index]
    return models.expressions.RawSQL(
        f"(SELECT bm25({TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}) FROM {TABLE} "
        f"WHERE {TABLE} MATCH %s AND rowid = {_row_id_sql(model, number)})",
        (match,),
        output_field=models.FloatField(),
    )


def highlighted(model: type[models.Model], match: str) -> models.expressions.RawSQL:
    """A window of the row's summary around the words found, marked START/STOP; NULL when the
    text does not match."""
    number = kind_of(model)[0]  # type: ignore[index]
    return models.expressions.RawSQL(
        f"(SELECT snippet({TABLE}, 1, char(2), char(3), '…', {SNIPPET_TOKENS}) FROM {TABLE} "
        f"WHERE {TABLE} MATCH %s AND rowid = {_row_id_sql(model, number)})",
        (match,),
        output_field=models.TextField(),
    )


# --- keeping the index ---------------------------------------------------------------------------


def _values(record: models.Model, title_field: str, body_field: str) -> tuple[str, str]:
    title = getattr(record, title_field, "") if title_field else ""
    return title or "", getattr(record, body_field, "") or ""


def index_record(record: models.Model, using: str = "default") -> None:
    kind = kind_of(type(record))
    if kind is None or not fts_in_use(connections[using]):
        return
    number, title_field, body_field = kind
    row_id = record.pk * KINDS_SPAN + number
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [row_id])
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
            [row_id, *_values(record, title_field, body_field)],
        )


def unindex_record(record: models.Model, using: str = "default") -> None:
    kind = kind_of(type(record))
    if kind is None or not fts_in_use(connections[using]):
        return
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [record.pk * KINDS_SPAN + kind[0]])


def fill_index(get_model: Any, database: BaseDatabaseWrapper) -> int:
    """Refill the whole table from the records (``get_model`` is ``apps.get_model`` or a
    migration's); returns the rows written. Does nothing where FTS5 is not in use."""
    if not fts_in_use(database):
        return 0
    written = 0
    with database.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    for label, (number, title_field, body_field) in KINDS.items():
        model = get_model(*label.split("."))
        fields = ["pk", body_field] + ([title_field] if title_field else [])
        rows = [
            (
                row["pk"] * KINDS_SPAN + number,
                (row[title_field] if title_field else "") or "",
                row[body_field] or "",
            )
            for row in model._default_manager.using(database.alias).values(*fields).iterator()
        ]
        with database.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)", rows
            )
        written += len(rows)
    return written


def _saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    index_record(instance, kwargs.get("using") or "default")


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    unindex_record(instance, kwargs.get("using") or "default")


def connect_signals() -> None:
    """Keep the index in step with every save and delete, fixtures (raw saves) included."""
    for label in KINDS:
        model = apps.get_model(label)
        post_save.connect(_saved, sender=model, dispatch_uid=f"fts-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"fts-{label}")
