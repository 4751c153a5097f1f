"""``manage.py attach_source_text KEY FILE``: store a report's text, numbered for locators."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casetracker.models import SourceDocument
from casetracker.source_text import number_paragraphs


class Command(BaseCommand):
    help = (
        "Store the plain text of a source report on its SourceDocument: Latin words garbled "
        "with Cyrillic look-alikes are repaired and paragraphs are numbered '¶N' so that a "
        "citation's locator points at one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", help="The SourceDocument's key, e.g. 'kibhr-iphr-2011-10'.")
        parser.add_argument("file", type=Path, help="A UTF-8 plain-text file of the report.")

    def handle(self, *args: Any, key: str, file: Path, **options: Any) -> None:
        try:
            source = SourceDocument.objects.get(key=key)
        except SourceDocument.DoesNotExist:
            raise CommandError(f"No source document with key {key!r}.") from None
        try:
            raw = file.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file.") from None
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error.strerror}).") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{file}: not UTF-8 (invalid byte at position {error.start}); "
                "convert it to UTF-8 first."
            ) from None
        numbered, count = number_paragraphs(text)
        if not count:
            raise CommandError(f"{file}: no text to attach.")
        source.text = numbered
        source.save(update_fields=["text", "updated_at"])
        self.stdout.write(f"{source.key}: {count} paragraphs attached.")
