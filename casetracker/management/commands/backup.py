from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from casetracker.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent backup of the whole database (an SQLite file or a pg_dump archive)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "file", type=Path, nargs="?", help="Default: backups/<UTC time>.<sqlite3 or pgdump>"
        )

    def handle(self, *args: Any, file: Path | None, **options: Any) -> None:
        if file is None:
            suffix = "sqlite3" if connection.vendor == "sqlite" else "pgdump"
            file = Path("backups") / f"{timezone.now():%Y%m%dT%H%M%SZ}.{suffix}"
        try:
            backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"backed up to {file}")
