"""``manage.py attach_source_text``: a report's text stored repaired and numbered."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from casetracker.management.commands.attach_source_text import SIZE_LIMIT
from casetracker.source_text import number_paragraphs
from tests.factories import SourceDocumentFactory

# A short text of our own in the layout of the briefing paper: garbled look-alikes in Latin
# words (ES+O in "the", TE in "in", VE in "city"), a genuine Cyrillic name, a blank-line break.
GARBLED = (
    "1. Summary\n"
    "\n"
    "T\u0421\u041e lawyer was fined \u0422n t\u0421\u041e cit\u0432 of Aktau.\n"
    "Her name in Russian is Наталья Соколова.\n"
    "\n"
    "The appeal was heard in September.\n"
)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(GARBLED, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_text_is_repaired_numbered_and_stored(
    report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = SourceDocumentFactory(key="briefing")

    call_command("attach_source_text", "briefing", str(report))

    source.refresh_from_db()
    assert source.text == (
        "¶1 1. Summary\n\n"
        "¶2 The lawyer was fined in the city of Aktau. Her name in Russian is Наталья Соколова.\n\n"
        "¶3 The appeal was heard in September."
    )
    assert "briefing: 3 paragraphs attached." in capsys.readouterr().out


@pytest.mark.django_db
def test_attaching_again_replaces_the_text(report: Path) -> None:
    source = SourceDocumentFactory(key="briefing", text="¶1 old")
    call_command("attach_source_text", "briefing", str(report))
    call_command("attach_source_text", "briefing", str(report))
    source.refresh_from_db()
    assert source.text.startswith("¶1 1. Summary")
    assert source.text.count("¶1 ") == 1


@pytest.mark.django_db
def test_unknown_key_is_refused(report: Path) -> None:
    with pytest.raises(CommandError, match="No source document with key 'nope'"):
        call_command("attach_source_text", "nope", str(report))


@pytest.mark.django_db
def test_missing_file_is_refused(tmp_path: Path) -> None:
    SourceDocumentFactory(key="briefing")
    with pytest.raises(CommandError, match="no such file"):
        call_command("attach_source_text", "briefing", str(tmp_path / "absent.txt"))


def a_directory(tmp_path: Path) -> Path:
    return tmp_path


def endless_zeros(tmp_path: Path) -> Path:
    return Path("/dev/zero")


def a_named_pipe(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)  # nothing ever writes: reading it would wait for ever
    return path


def a_link_to_passwords(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.symlink_to("/etc/passwd")
    return path


def a_nul_byte(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_bytes(b"The appeal was heard.\x00\x00binary")
    return path


def too_large(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_bytes(b"A line of a report.\n" * (SIZE_LIMIT // 20 + 1))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (a_directory, "a directory, not a text file."),
        (endless_zeros, "a device, not a text file."),
        (a_named_pipe, "a named pipe, not a text file."),
        (a_link_to_passwords, "a symbolic link; give the file itself."),
        (a_nul_byte, "a NUL byte at position 21, not a text file."),
        (too_large, "larger than 5 MB, not a report's text."),
    ],
)
@pytest.mark.django_db
def test_what_is_not_a_reports_text_is_refused_and_nothing_stored(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    source = SourceDocumentFactory(key="briefing", text="¶1 kept")
    path = make(tmp_path)
    with pytest.raises(CommandError) as refused:
        call_command("attach_source_text", "briefing", str(path))
    assert str(refused.value) == f"{path}: {message}"
    source.refresh_from_db()
    assert source.text == "¶1 kept"


@pytest.mark.django_db
def test_a_report_just_within_the_limit_is_attached(tmp_path: Path) -> None:
    source = SourceDocumentFactory(key="briefing")
    path = tmp_path / "report.txt"
    path.write_bytes(b"x" * SIZE_LIMIT)
    call_command("attach_source_text", "briefing", str(path))
    source.refresh_from_db()
    assert source.text == "¶1 " + "x" * SIZE_LIMIT


@pytest.mark.django_db
def test_non_utf8_file_is_refused_and_nothing_stored(tmp_path: Path) -> None:
    source = SourceDocumentFactory(key="briefing", text="")
    path = tmp_path / "latin1.txt"
    path.write_bytes("Zhanaozen café\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("attach_source_text", "briefing", str(path))
    source.refresh_from_db()
    assert source.text == ""


@pytest.mark.django_db
def test_empty_file_is_refused(tmp_path: Path) -> None:
    SourceDocumentFactory(key="briefing")
    path = tmp_path / "empty.txt"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no text"):
        call_command("attach_source_text", "briefing", str(path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Kazakh and Russian names stay as written; the garbled "the" between them is repaired.
        ("Жаңаөзен and t\u0421\u041e strike", "¶1 Жаңаөзен and the strike"),
        ("Ажигалиева", "¶1 Ажигалиева"),
        # A mixed-script name is not a garbled word: it has letters that are not look-alikes.
        ("Mr Kurmanов spoke", "¶1 Mr Kurmanов spoke"),
    ],
)
def test_number_paragraphs_leaves_genuine_cyrillic_alone(text: str, expected: str) -> None:
    assert number_paragraphs(text) == (expected, 1)
