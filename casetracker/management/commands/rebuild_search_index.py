"""Refill SQLite's full-text index of titles and summaries (casetracker.fts).

Saves and deletes keep it in step; rows written around the ORM (bulk_create, ``update()``, SQL
imports) need this once afterwards. Does nothing on PostgreSQL, which searches the tables.
"""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from casetracker.fts import fill_index, fts_in_use


class Command(BaseCommand):
    help = "Refill SQLite's full-text index of titles and summaries."

    def handle(self, *args: Any, **options: Any) -> None:
        if not fts_in_use():
            self.stdout.write("No full-text index on this database: nothing to do.")
            return
        with transaction.atomic():
            written = fill_index(apps.get_model, connection)
        self.stdout.write(f"{written} records indexed")
