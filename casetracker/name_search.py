# ruff: noqa: S608, S611  # the SQL holds our own constants only; user text goes in as parameters
"""Finding people, organisations and places by any spelling of their name.

This module is the one place name matching is decided: public list filters, the search page and
the admin (its search box and its duplicate warning) all call :func:`filter_by_name`.

How a name is found, on every database:

* each record's display name, native name and stored variants are reduced to skeleton words
  (``casetracker.transliteration``), so Kuanysh, Kuanish and Куаныш are one word;
* those words, and each word with one letter removed, are kept in ``NameKey``, an indexed table
  refreshed whenever a record or one of its spellings is saved or deleted;
* a query's words are reduced the same way and looked up there: the word itself, a word it
  begins (Sisen → Sisenbaev), or, for words of four letters or more, a word one or two typos
  away (one deletion on each side covers a wrong, missing, extra or swapped letter);
* every word of the query must match some spelling of the record, or the whole query written
  as one word must (Ozen Munai Gaz → Ozenmunaigaz).

On PostgreSQL the variants are also matched by trigram word similarity (pg_trgm, GIN indexes on
the ``folded`` columns), which finds Latin or Cyrillic typos beyond the two the keys allow.

The lookups are one subquery, ``pk IN (ids)`` with the ids of every word's key owners
INTERSECTed: filtering costs no query of its own (beyond the content type, looked up once per
process), and the result stays a lazy queryset that callers can combine with ``|`` and paginate.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from rapidfuzz import fuzz

from casetracker.models import NameKey
from casetracker.names import NameVariant, fold_name
from casetracker.transliteration import deletions, skeleton, skeleton_tokens

M = TypeVar("M", bound=models.Model)

# A query is a name, not an essay: longer input is cut so that odd input stays cheap.
MAX_QUERY_WORDS = 6
MAX_WORD_LENGTH = 40
# Trigram word similarity (0..1) a variant needs on PostgreSQL; below 0.7 unrelated names with a
# shared first name start to match.
TRIGRAM_THRESHOLD = 0.7
SPELLING_FIELDS = ("name", "native_name")


def typos_allowed(word: str) -> int:
    """How many typos a query word may carry: none in short words, where one would be a name."""
    if len(word) <= 3:
        return 0
    if len(word) <= 7 or len(word) > 20:
        return 1
    return 2


# --- which models have names ------------------------------------------------------------------


@cache
def name_owners() -> dict[type[models.Model], tuple[type[NameVariant], str]]:
    """Every model with spelling variants, with its variant model and the variant's key to it."""
    owners: dict[type[models.Model], tuple[type[NameVariant], str]] = {}
    for model in apps.get_models():
        if not issubclass(model, NameVariant):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.remote_field.related_name == "names":
                owner = field.related_model
                assert not isinstance(owner, str)
                owners[owner] = (model, field.name)
    return owners


def spellings_of(record: models.Model) -> list[str]:
    """Every stored spelling of ``record``'s name; uses prefetched ``names`` when present."""
    found = [getattr(record, field, "") for field in SPELLING_FIELDS]
    found += [variant.name for variant in record.names.all()]  # type: ignore[attr-defined]
    return [spelling for spelling in found if spelling]


# --- keeping the keys ---------------------------------------------------------------------------


def keys_for(spellings: Iterable[str]) -> set[tuple[str, int]]:
    """The (key, letters removed) rows that make these spellings findable."""
    keys: set[tuple[str, int]] = set()
    for spelling in spellings:
        words = skeleton_tokens(spelling)
        for word in words:
            keys.add((word, 0))
            if len(word) >= 4:
                keys.update((shorter, 1) for shorter in deletions(word, 1) - {word})
        if len(words) > 1:
            keys.add(("".join(words), 0))
    return {(key[:200], removed) for key, removed in keys}


def _key_rows(record: models.Model, content_type: ContentType) -> Iterator[NameKey]:
    for key, removed in keys_for(spellings_of(record)):
        yield NameKey(content_type=content_type, object_id=record.pk, key=key, removed=removed)


def refresh_name_keys(record: models.Model) -> None:
    """Rebuild the keys of one record from its current spellings."""
    content_type = ContentType.objects.get_for_model(record)
    NameKey.objects.filter(content_type=content_type, object_id=record.pk).delete()
    NameKey.objects.bulk_create(_key_rows(record, content_type))


def rebuild_name_keys(model: type[models.Model], *, batch_size: int = 2000) -> int:
    """Rebuild every key of ``model`` (after bulk_create or a raw import); returns rows written."""
    content_type = ContentType.objects.get_for_model(model)
    NameKey.objects.filter(content_type=content_type).delete()
    written = 0
    records = model._default_manager.order_by("pk").prefetch_related("names")
    rows: list[NameKey] = []
    for record in records.iterator(chunk_size=batch_size):
        rows.extend(_key_rows(record, content_type))
        if len(rows) >= batch_size * 10:
            written += len(NameKey.objects.bulk_create(rows, batch_size=batch_size))
            rows = []
    written += len(NameKey.objects.bulk_create(rows, batch_size=batch_size))
    return written


def _owner_saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    refresh_name_keys(instance)


def _owner_deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    content_type = ContentType.objects.get_for_model(instance)
    NameKey.objects.filter(content_type=content_type, object_id=instance.pk).delete()


def _variant_changed(sender: type[NameVariant], instance: NameVariant, **kwargs: Any) -> None:
    owner_model = next(owner for owner, (variant, _) in name_owners().items() if variant is sender)
    field_name = name_owners()[owner_model][1]
    # During loaddata the owner may come later in the file; its own save builds its keys then.
    owner = owner_model._default_manager.filter(pk=getattr(instance, f"{field_name}_id")).first()
    if owner is not None:
        refresh_name_keys(owner)


def connect_signals() -> None:
    """Keep the keys in step with every save and delete, fixtures (raw saves) included."""
    for owner, (variant, _) in name_owners().items():
        post_save.connect(_owner_saved, sender=owner, dispatch_uid=f"namekeys-{owner._meta}")
        post_delete.connect(_owner_deleted, sender=owner, dispatch_uid=f"namekeys-{owner._meta}")
        for signal in (post_save, post_delete):
            signal.connect(_variant_changed, sender=variant, dispatch_uid=f"namekeys-{variant}")


# --- matching -----------------------------------------------------------------------------------


def query_words(query: str) -> list[str]:
    return [word[:MAX_WORD_LENGTH] for word in skeleton_tokens(query)[:MAX_QUERY_WORDS]]


def _just_after(prefix: str) -> str:
    """The first string greater than every string starting with ``prefix`` (a range bound that
    an index can answer, unlike LIKE on SQLite)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


# The matching SQL is written out rather than composed with the ORM: composing a dozen
# subqueries with long IN lists took 5-15 ms of Python per search, as long as the database's
# work. Identifiers are double-quoted, which both databases accept.
Sql = tuple[str, list[Any]]


def _placeholders(values: Iterable[Any]) -> str:
    return ", ".join("%s" for _ in values)


def _word_owners(content_type: int, word: str) -> Sql:
    """Owners with a spelling word that ``word`` begins or is a typo or two from.

    One SELECT per kind of match, each a plain conjunction that ``namekey_lookup_idx`` answers
    from the index alone (an OR inside one SELECT would read the table), joined by UNION ALL:
    the INTERSECT, UNION or IN that reads them ignores duplicates anyway.
    """
    select = (
        f'SELECT "object_id" FROM "{NameKey._meta.db_table}"'
        ' WHERE "content_type_id" = %s AND "removed" = %s AND '
    )
    parts = [(select + '"key" >= %s AND "key" < %s', [content_type, 0, word, _just_after(word)])]
    typos = typos_allowed(word)
    if typos:
        # The word itself is left to the range above, which already holds it.
        shorter = sorted(deletions(word, typos) - {word})
        parts.append((select + f'"key" IN ({_placeholders(shorter)})', [content_type, 0, *shorter]))
        one_off = sorted(deletions(word, 1))
        parts.append((select + f'"key" IN ({_placeholders(one_off)})', [content_type, 1, *one_off]))
    return " UNION ALL ".join(sql for sql, _ in parts), [p for _, params in parts for p in params]


def _trigram_owners(model: type[models.Model], query: str) -> Sql:
    """PostgreSQL only: owners of variants whose folded spelling holds a word like the query.

    ``<%`` is the operator the GIN trigram index on ``folded`` answers; the word similarity
    then sets our bar.
    """
    variant, field_name = name_owners()[model]
    owner_key = variant._meta.get_field(field_name)
    assert isinstance(owner_key, models.ForeignKey)
    # PostgreSQL text cannot hold NUL; a name is never longer than its column.
    text = fold_name(query.replace("\x00", ""))[:200]
    sql = (
        f'SELECT "{owner_key.column}" FROM "{variant._meta.db_table}"'
        ' WHERE unaccent(%s) <%% "folded" AND word_similarity(unaccent(%s), "folded") >= %s'
    )
    return sql, [text, text, TRIGRAM_THRESHOLD]


def _matching_owners(model: type[models.Model], words: list[str], query: str) -> Sql:
    """One SELECT of the ids of ``model`` rows matching: every word's owners INTERSECTed, UNION
    the owners of the words written as one, UNION (PostgreSQL) the trigram matches.

    The content type is a constant (``get_for_model`` is cached), so the planner sees which
    keys are read instead of guessing through a join.
    """
    content_type = ContentType.objects.get_for_model(model).pk
    each_word = [_word_owners(content_type, word) for word in words]
    # Each operand is a plain SELECT (SQLite accepts no parentheses around one) and the
    # INTERSECT sits in its own subquery, so no reader need remember which operator binds first.
    sql = " INTERSECT ".join(
        f'SELECT "object_id" FROM ({owners}) AS word_{n}' for n, (owners, _) in enumerate(each_word)
    )
    params = [p for _, word_params in each_word for p in word_params]
    alternatives = []
    if len(words) > 1:
        alternatives.append(_word_owners(content_type, "".join(words)[:MAX_WORD_LENGTH]))
    if connection.vendor == "postgresql" and model in name_owners():
        alternatives.append(_trigram_owners(model, query))
    if alternatives:
        sql = f'SELECT "object_id" FROM ({sql}) AS every_word'
        for n, (other, other_params) in enumerate(alternatives):
            sql += f" UNION SELECT * FROM ({other}) AS other_{n}"
            params += other_params
    return sql, params


def _owner_ids(model: type[models.Model], query: str) -> RawSQL | None:
    words = query_words(query)
    return RawSQL(*_matching_owners(model, words, query)) if words else None


def name_condition(model: type[models.Model], query: str) -> models.Q | None:
    """The condition on ``model`` rows whose name matches ``query``; None for an empty query.

    ``id IN (SELECT ...)``, which PostgreSQL checks by hashing the ids: the form to OR with other
    conditions (site search). To filter by name alone, use :func:`filter_by_name`.
    """
    ids = _owner_ids(model, query)
    return None if ids is None else models.Q(pk__in=ids)


def filter_by_name(queryset: models.QuerySet[M], query: str) -> models.QuerySet[M]:
    """Rows of ``queryset`` with a spelling matching ``query`` in any script, up to two typos.

    Matches real names whatever a person's anonymity: public callers restrict to named people.
    An empty query filters nothing.
    """
    ids = _owner_ids(queryset.model, query)
    if ids is None:
        return queryset
    if connection.vendor != "postgresql":
        return queryset.filter(pk__in=ids)
    # "id" = ANY(ARRAY(SELECT ...)): PostgreSQL reads the ids first, then their rows by primary
    # key. Given "id" IN (SELECT ...) it estimates an INTERSECT as large as its smallest operand
    # (thousands of ids where tens come back) and reads the whole table instead. Not for an OR
    # with other conditions: there it compares every row with the whole array, one by one.
    return queryset.filter(
        models.Func(
            models.F("pk"),
            ids,  # renders with its own parentheses: ("id" = ANY(ARRAY(SELECT ...)))
            template="(%(expressions)s))",
            arg_joiner=" = ANY(ARRAY",
            output_field=models.BooleanField(),
        )
    )


def filter_by_name_or_label(queryset: models.QuerySet[M], query: str) -> models.QuerySet[M]:
    """For the admin: ``filter_by_name``, and the records shown by a label (a person the
    source does not name, a group) by words of their label: they have no name to match."""
    found = filter_by_name(queryset, query)
    if not query.strip() or "public_label" not in {f.name for f in queryset.model._meta.fields}:
        return found
    labelled = queryset.filter(public_label__icontains=query.strip())
    return queryset.filter(
        models.Q(pk__in=found.values("pk")) | models.Q(pk__in=labelled.values("pk"))
    )


def name_score(query: str, spellings: Iterable[str]) -> float:
    """0-100: how well ``query`` matches the best of ``spellings``, for ordering results.

    rapidfuzz's token-set ratio scores a query that is a subset of a name's words (a surname
    alone) as highly as the full name, and it is fast enough to rank a page of results.
    """
    key = skeleton(query)
    return max((fuzz.token_set_ratio(key, skeleton(spelling)) for spelling in spellings), default=0)
