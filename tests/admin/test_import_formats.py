"""A file that cannot be read in the chosen format is a form error on the import page, never a
500, and only formats that can be imported are offered."""

import io
import zipfile

import pytest

from people.models import Person
from tests.admin.importing import upload

CSV, TSV, JSON = "0", "1", "2"


def test_only_readable_formats_are_offered(researcher):
    response = researcher.get("/admin/people/person/import/")
    choices = [label for value, label in response.context["form"].fields["format"].choices if value]
    assert choices == ["csv", "tsv", "json"]


def xlsx_looking() -> bytes:
    """What a spreadsheet saved as XLSX starts with: a zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    return buffer.getvalue()


BAD_FILES = {
    "html table": (
        CSV,
        b"<table><tr><th>slug</th><th>name</th></tr><tr><td>a</td><td>A</td></tr></table>",
        "Unknown columns: <table>",
    ),
    "binary garbage": (CSV, bytes(range(256)) * 8, "The file is not UTF-8 text"),
    "empty file": (CSV, b"", "The submitted file is empty."),
    "only a header": (CSV, b"slug,name\n", "The file has no rows to import."),
    "NUL byte": (CSV, b"slug,name\nroza\x00,Roza\n", "The file contains a NUL character"),
    "wrong columns": (CSV, b"foo,name\n1,2\n", "Unknown columns: foo. Missing columns: slug."),
    "repeated column": (CSV, b"slug,name,name\na,b,c\n", "Repeated columns: name."),
    "ragged rows": (CSV, b"slug,name\na,b,c\n", "The file cannot be read as CSV."),
    "xlsx as csv": (CSV, xlsx_looking(), "The file is not UTF-8 text"),
    "xlsx as tsv": (TSV, xlsx_looking(), "The file is not UTF-8 text"),
    "broken json": (JSON, b'[{"slug": "a"', "The file cannot be read as JSON."),
    "json without headers": (JSON, b'[["a", "b"]]', "The file has no header row"),
    "json object cell": (
        JSON,
        b'[{"slug": "a", "name": {"first": "A"}}]',
        "Row 1 holds a list or an object",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_file_that_cannot_be_read_is_a_form_error(researcher, case):
    file_format, content, message = BAD_FILES[case]
    response = upload(researcher, "people_person", content, format=file_format)
    assert response.status_code == 200
    [error] = response.context["form"].errors["import_file"]
    assert message in error
    assert "result" not in response.context
    assert not Person.objects.exists()


def test_an_html_file_chosen_as_html_cannot_be_posted(researcher):
    """HTML was offered and answered a 500; it is not a choice any more."""
    response = upload(researcher, "people_person", b"<table></table>", format="3")
    assert response.status_code == 200
    assert "format" in response.context["form"].errors


@pytest.mark.parametrize(
    ("file_format", "content"),
    [
        (CSV, b"\xef\xbb\xbfslug,name\nroza-tuletaeva,Roza Tuletaeva\n"),
        (TSV, b"slug\tname\nroza-tuletaeva\tRoza Tuletaeva\n"),
        (JSON, b'[{"slug": "roza-tuletaeva", "name": "Roza Tuletaeva"}]'),
    ],
)
def test_each_offered_format_previews(researcher, file_format, content):
    response = upload(researcher, "people_person", content, format=file_format)
    assert response.context["confirm_form"] is not None
