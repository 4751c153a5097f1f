"""Rebuild the name-search keys of every person, organisation and place.

Saves and deletes keep the keys in step; rows written around the ORM (bulk_create, SQL imports)
need this once afterwards.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from casetracker.name_search import name_owners, rebuild_name_keys


class Command(BaseCommand):
    help = "Rebuild the keys name search looks spellings up by."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            for model in name_owners():
                written = rebuild_name_keys(model)
                self.stdout.write(f"{model._meta.label}: {written} keys")
