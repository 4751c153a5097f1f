"""Back up and restore the whole database: SQLite through its online backup API, PostgreSQL through
pg_dump and pg_restore. A backup taken while the site serves is consistent."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import IO

from django.apps import apps
from django.db import connection

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
RECORD_APPS = ("casetracker", "people", "cases", "events")


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


def backup(path: Path) -> None:
    """Write a backup to ``path``, a new file only its owner can read.

    A backup holds password hashes, sessions, two-factor secrets and every confidential record,
    so the file is created 0600 (in a folder created 0700), never readable for a moment.
    """
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups of {connection.vendor} databases are not supported")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(f"{path} exists already; choose a new file name") from None
    try:
        with os.fdopen(fd, "wb") as file:
            if connection.vendor == "sqlite":
                # SQLite takes the empty file for an empty database and keeps its mode.
                _sqlite_copy(source=_live_sqlite(), target=sqlite3.connect(path))
            else:
                _run_pg("pg_dump", "--format=custom", "--no-owner", stdout=file)
    except BaseException:
        path.unlink()  # half a backup must not pass for one, nor block the next attempt
        raise


def restore(path: Path, *, replace: bool = False) -> None:
    """Load a backup into the configured database, which must hold no records unless ``replace``."""
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    with path.open("rb") as file:
        header = file.read(16)
    expected = SQLITE_HEADER if connection.vendor == "sqlite" else PG_DUMP_HEADER
    if not header.startswith(expected):
        raise BackupError(
            f"{path} is not a backup of a {connection.vendor} database made by 'backup'"
        )
    if not replace and _holds_records():
        raise BackupError(
            "the database already holds records: restore into an empty one, or --replace"
        )
    if connection.vendor == "sqlite":
        _sqlite_copy(
            source=sqlite3.connect(f"file:{path}?mode=ro", uri=True), target=_live_sqlite()
        )
    else:
        connection.close()
        _run_pg(
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)
        )


def _live_sqlite() -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection


def _sqlite_copy(*, source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    live = connection.connection
    try:
        source.backup(target)
    finally:
        for opened in (source, target):
            if opened is not live:
                opened.close()


def _holds_records() -> bool:
    tables = set(connection.introspection.table_names())
    return any(
        model._default_manager.exists()
        for app in RECORD_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.db_table in tables
    )


def _run_pg(program: str, *arguments: str, stdout: IO[bytes] | None = None) -> None:
    if not shutil.which(program):
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client)")
    settings = connection.settings_dict
    options = {
        "--host": settings.get("HOST"),
        "--port": settings.get("PORT"),
        "--username": settings.get("USER"),
    }
    command = [
        program,
        *arguments,
        *(f"{flag}={value}" for flag, value in options.items() if value),
    ]
    command.append(f"--dbname={settings['NAME']}")
    env = os.environ | ({"PGPASSWORD": settings["PASSWORD"]} if settings.get("PASSWORD") else {})
    result = subprocess.run(  # noqa: S603
        command,
        env=env,
        stdout=stdout or subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
