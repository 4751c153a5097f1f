"""A backup restored into an empty database holds every record, citation and history entry."""

import io
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import reversion
from django.core.management import CommandError, call_command
from django.db import connection

from casetracker.publication import Status, Visibility
from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]
EXCLUDED = ["sessions", "admin.logentry"]


def dump_here() -> str:
    out = io.StringIO()
    call_command(
        "dumpdata", *(f"--exclude={label}" for label in EXCLUDED), "--indent=1", stdout=out
    )
    return out.getvalue()


def manage_elsewhere(database_url: str, *args: str) -> str:
    env = os.environ | {"DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def empty_database_url(tmp_path):
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"restore_check_{uuid.uuid4().hex[:8]}"
    host, port = connection.settings_dict["HOST"], connection.settings_dict["PORT"] or 5432
    user = connection.settings_dict["USER"]
    server = ["-h", host, "-p", str(port), "-U", user]
    subprocess.run(["createdb", *server, name], check=True)
    yield f"postgres://{user}@{host}:{port}/{name}"
    subprocess.run(["dropdb", *server, "--if-exists", name], check=True)


@pytest.mark.django_db(transaction=True)
def test_backup_restores_identically_into_an_empty_database(tmp_path, empty_database_url):
    sentence = f.SentenceFactory(fine_amount=100000, fine_currency="KZT", prison_months=None)
    f.DetentionFactory(person=sentence.outcome.defendant, status=Status.DRAFT)
    f.CitationFactory(
        record=sentence.outcome, claim_field="verdict", claim_value="convicted", claim="guilty"
    )
    f.IncidentCountFactory(incident__visibility=Visibility.RESTRICTED)
    f.PersonNameFactory(name="Куаныш Сисенбаев", script="cyrillic")
    with reversion.create_revision():  # a history entry, as every admin save makes
        reversion.set_comment("edited in the admin")
        sentence.outcome.defendant.save()
    before = dump_here()
    assert '"model": "reversion.version"' in before

    archive = tmp_path / "site.backup"
    call_command("backup", str(archive), stdout=io.StringIO())
    manage_elsewhere(empty_database_url, "restore", str(archive))
    after = manage_elsewhere(
        empty_database_url, "dumpdata", *(f"--exclude={label}" for label in EXCLUDED), "--indent=1"
    )
    assert after == before
    assert "Куаныш Сисенбаев" in after


@pytest.mark.django_db
def test_backup_refuses_to_overwrite(tmp_path):
    existing = tmp_path / "taken"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(existing))
    assert existing.read_text() == "keep me"


@pytest.mark.django_db
def test_restore_refuses_what_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(bogus))
    with pytest.raises(CommandError, match="is not a file"):
        call_command("restore", str(tmp_path / "missing"))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_records(tmp_path):
    archive = tmp_path / "site.backup"
    call_command("backup", str(archive), stdout=io.StringIO())
    person = f.PersonFactory()
    with pytest.raises(CommandError, match="already holds records"):
        call_command("restore", str(archive))
    person.refresh_from_db()


@pytest.fixture
def usual_umask():
    """The common 022, under which a file created without a mode is readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("usual_umask")
@pytest.mark.django_db(transaction=True)
def test_a_backup_is_readable_by_its_owner_only(tmp_path):
    """It holds password hashes, sessions, two-factor secrets and every confidential record."""
    f.PersonFactory(visibility=Visibility.RESTRICTED)
    archive = tmp_path / "site.backup"
    call_command("backup", str(archive), stdout=io.StringIO())
    assert mode_of(archive) == 0o600
    assert archive.stat().st_size > 0


@pytest.mark.usefixtures("usual_umask")
@pytest.mark.django_db(transaction=True)
def test_the_default_backups_folder_is_its_owners_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    call_command("backup", stdout=out)
    [archive] = (tmp_path / "backups").iterdir()
    assert out.getvalue() == f"backed up to {archive.relative_to(tmp_path)}\n"
    assert (mode_of(tmp_path / "backups"), mode_of(archive)) == (0o700, 0o600)


@pytest.mark.django_db
def test_a_failed_pg_dump_leaves_no_file_behind(tmp_path, monkeypatch):
    """Half a backup must not pass for one, nor block the next attempt with "exists already"."""
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL path")
    monkeypatch.setenv("PATH", str(tmp_path))  # where there is no pg_dump
    archive = tmp_path / "site.backup"
    with pytest.raises(CommandError, match="pg_dump is not installed"):
        call_command("backup", str(archive))
    assert not archive.exists()
