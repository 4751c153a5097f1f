from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from casetracker.site.generate import generate


class Command(BaseCommand):
    help = "Bulk-create realistic generated records (published, slugs 'gen-...') for speed checks."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--people", type=int, required=True, help="How many people to generate."
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="The same seed gives the same records."
        )

    def handle(self, *args: Any, people: int, seed: int, **options: Any) -> None:
        if people < 1:
            raise CommandError("--people must be at least 1")
        with tqdm(total=people, unit="people", disable=options["verbosity"] < 1) as bar:
            counts = generate(people, seed=seed, progress=bar.update)
        # Planner statistics: without them PostgreSQL guesses a freshly bulk-loaded table is tiny
        # and picks plans that take minutes instead of milliseconds.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        for label, count in sorted(counts.items()):
            self.stdout.write(f"{label:28} {count:>10,}")
        self.stdout.write(f"{'rows in all':28} {sum(counts.values()):>10,}")
