"""The stores derived from the records, and the one place that keeps them in step.

Three tables are derived from the records and never written by hand:

- the name keys (``NameKey``, :mod:`casetracker.name_search`): every spelling's matching keys,
  which the name search of the public site and the admin looks up;
- the SQLite full-text index (:mod:`casetracker.fts`): titles and summaries, where FTS5 is in
  use (PostgreSQL searches the records themselves);
- the content version (``ContentVersion``, :mod:`casetracker.page_cache`): the token in every
  cached page's key, replaced by any change so no page outlives the data it shows.

Every save and delete through the ORM keeps all three current, fixtures' raw saves included:
:func:`connect` (called once, from ``CasetrackerConfig.ready``) wires the signals of each. A write
that sends no signals (``bulk_create``, ``QuerySet.update()`` on a name or a summary, SQL) must
be followed by :func:`rebuild`, as the data generator does; ``manage.py rebuild_name_keys`` and
``rebuild_search_index`` rebuild one store each.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connections

from casetracker import fts, name_search, page_cache


def connect() -> None:
    name_search.connect_signals()
    fts.connect_signals()
    page_cache.connect_signals()


def rebuild(using: str = "default") -> dict[str, int]:
    """Rebuild every derived store from the records; returns the rows written per store."""
    written = {
        "name keys": sum(
            name_search.rebuild_name_keys(model) for model in name_search.name_owners()
        ),
        "full-text index": fts.fill_index(apps.get_model, connections[using]),
    }
    page_cache.new_version()
    return written
