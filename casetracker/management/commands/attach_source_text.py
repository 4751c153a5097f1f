"""``manage.py attach_source_text KEY FILE``: store a report's text, numbered for locators."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casetracker.models import SourceDocument
from casetracker.source_text import number_paragraphs

# A long report's plain text is a few hundred kilobytes; more is not a report.
SIZE_LIMIT = 5 * 1024 * 1024
NOT_REGULAR = {
    stat.S_IFDIR: "a directory",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
}


class Command(BaseCommand):
    help = (
        "Store the plain text of a source report on its SourceDocument: Latin words garbled "
        "with Cyrillic look-alikes are repaired and paragraphs are numbered '¶N' so that a "
        "citation's locator points at one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", help="The SourceDocument's key, e.g. 'kibhr-iphr-2011-10'.")
        parser.add_argument(
            "file", type=Path, help="A UTF-8 plain-text file of the report, at most 5 MB."
        )

    def handle(self, *args: Any, key: str, file: Path, **options: Any) -> None:
        try:
            source = SourceDocument.objects.get(key=key)
        except SourceDocument.DoesNotExist:
            raise CommandError(f"No source document with key {key!r}.") from None
        numbered, count = number_paragraphs(_read_report(file))
        if not count:
            raise CommandError(f"{file}: no text to attach.")
        source.text = numbered
        source.save(update_fields=["text", "updated_at"])
        self.stdout.write(f"{source.key}: {count} paragraphs attached.")


def _read_report(file: Path) -> str:
    """The text of ``file``, which must be a regular UTF-8 text file within ``SIZE_LIMIT``.

    Whatever is read is stored on the source document, so what is not a report is refused
    before it is read: no symbolic link (it may point anywhere), no device (/dev/zero never
    ends), no named pipe (it waits for a writer), and never more than ``SIZE_LIMIT`` bytes.
    """
    try:
        # O_NONBLOCK: opening a named pipe would otherwise wait for a writer before the check.
        fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise CommandError(f"{file}: no such file.") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise CommandError(f"{file}: a symbolic link; give the file itself.") from None
        raise CommandError(f"{file}: cannot be read ({error.strerror}).") from None
    kind = stat.S_IFMT(os.fstat(fd).st_mode)
    if kind != stat.S_IFREG:
        os.close(fd)
        raise CommandError(
            f"{file}: {NOT_REGULAR.get(kind, 'not a regular file')}, not a text file."
        )
    with os.fdopen(fd, "rb") as handle:
        raw = handle.read(SIZE_LIMIT + 1)  # one byte more tells a file over the limit
    if len(raw) > SIZE_LIMIT:
        raise CommandError(f"{file}: larger than {SIZE_LIMIT // 2**20} MB, not a report's text.")
    if (nul := raw.find(b"\x00")) != -1:
        raise CommandError(f"{file}: a NUL byte at position {nul}, not a text file.")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{file}: not UTF-8 (invalid byte at position {error.start}); "
            "convert it to UTF-8 first."
        ) from None
