"""SQLite's FTS5 index of titles and summaries (casetracker.fts), through the search page.

PostgreSQL searches its own tables with ts_rank and ts_headline (test_search_page covers both);
these tests are about the SQLite index, its upkeep and its quoting.
"""

import io

import pytest
from django.core import serializers
from django.db import connection
from django.urls import reverse

from cases.models import Case
from casetracker import fts
from casetracker.publication import Status, Visibility
from casetracker.text_search import text_search
from tests.factories import CaseFactory, IncidentFactory, PersonFactory, SourceDocumentFactory

pytestmark = pytest.mark.skipif(
    not fts.fts_in_use(connection),
    reason="SQLite FTS5 index only: PostgreSQL uses its own full-text search, and an SQLite "
    "build without FTS5 falls back to contains",
)

URL = reverse("search")


def indexed_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {fts.TABLE}")  # noqa: S608  # our constant
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_word_in_a_case_summary_finds_the_case(reader):
    case = CaseFactory(title="Case of a driver", summary="Sentenced after the Ölmez hearing.")
    other = CaseFactory(title="Case of a welder", summary="Released on appeal.")
    # Accents and case folded, a word's beginning enough: "olmez", "HEAR".
    html = reader.get(URL, {"q": "olmez HEAR"}).content.decode()
    assert case.get_absolute_url() in html
    assert other.get_absolute_url() not in html
    assert "<mark>Ölmez</mark>" in html


@pytest.mark.django_db
def test_every_kind_is_indexed_and_found(reader):
    records = [
        CaseFactory(summary="The zhetybai meeting."),
        IncidentFactory(summary="The zhetybai meeting."),
        SourceDocumentFactory(summary="The zhetybai meeting."),
        PersonFactory(summary="Spoke at the zhetybai meeting."),
    ]
    html = reader.get(URL, {"q": "Zhetybai"}).content.decode()
    for record in records:
        assert record.get_absolute_url() in html


@pytest.mark.django_db
def test_a_title_match_ranks_first(reader):
    in_summary = CaseFactory(
        title="Case of a cook", summary="Picket, picket and picket again, then arrest."
    )
    in_title = CaseFactory(title="The picket case", summary="An arrest in Aktau.")
    found = list(
        text_search(Case.objects.public(), "picket", ["title", "summary"], snippet_field="summary")
    )
    assert found == [in_title, in_summary]
    html = reader.get(URL, {"q": "picket"}).content.decode()
    assert html.index(in_title.get_absolute_url()) < html.index(in_summary.get_absolute_url())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "AND",
        "a AND b",
        "OR",
        "NOT x",
        "NEAR(",
        "NEAR(a b)",
        "*",
        "^",
        "^strike",
        "title:strike",
        "strike*",
        "-strike",
        "(",
        ")",
        "{title}: x",
        "🙂",
        "strike 🙂",
        "x" * 10_240,
        "'; DROP TABLE casetracker_search_text; --",
        "\\",
        "a\x00b",
    ],
)
def test_hostile_input_is_never_fts_syntax(reader, query):
    case = CaseFactory(title="Hunger strike", summary="A strike AND a NEAR miss.")
    assert reader.get(URL, {"q": query}).status_code == 200
    # Past the form's length limit too: the function itself never raises.
    found = list(
        text_search(Case.objects.public(), query, ["title", "summary"], snippet_field="summary")
    )
    assert found in ([], [case])
    assert indexed_rows() == 1  # the table survived


@pytest.mark.django_db
def test_quotes_and_operators_are_words(reader):
    case = CaseFactory(title="Hunger strike", summary="A strike AND a NEAR miss.")
    assert case.get_absolute_url() in reader.get(URL, {"q": '"strike'}).content.decode()
    assert case.get_absolute_url() in reader.get(URL, {"q": "NEAR AND"}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "visibility"),
    [
        (Status.DRAFT, Visibility.PUBLIC),
        (Status.IN_REVIEW, Visibility.PUBLIC),
        (Status.PUBLISHED, Visibility.RESTRICTED),
    ],
)
def test_unpublished_text_is_never_found(reader, status, visibility):
    hidden = CaseFactory(summary="The qyzylsai witness.", status=status, visibility=visibility)
    assert indexed_rows() == 1  # indexed: the public querysets keep it out
    html = reader.get(URL, {"q": "qyzylsai"}).content.decode()
    assert hidden.get_absolute_url() not in html
    assert "witness" not in html  # nor its snippet
    assert not text_search(
        Case.objects.public(), "qyzylsai", ["title", "summary"], snippet_field="summary"
    ).exists()


@pytest.mark.django_db
def test_saves_deletes_and_raw_saves_keep_the_index(reader):
    case = CaseFactory(summary="The first version.")
    case.summary = "The tengizchevroil version."
    case.save()
    assert case.get_absolute_url() in reader.get(URL, {"q": "tengizchevroil"}).content.decode()
    assert case.get_absolute_url() not in reader.get(URL, {"q": "first"}).content.decode()

    data = serializers.serialize("json", [case])
    case.delete()
    assert indexed_rows() == 0
    for loaded in serializers.deserialize("json", data):  # as loaddata saves: raw
        loaded.save()
    assert indexed_rows() == 1
    assert case.get_absolute_url() in reader.get(URL, {"q": "tengizchevroil"}).content.decode()


@pytest.mark.django_db
def test_rebuild_command_refills_after_bulk_writes(reader):
    from django.core.management import call_command

    case = CaseFactory(summary="Before.")
    Case.objects.filter(pk=case.pk).update(summary="The karazhanbas field.")  # no signal
    assert case.get_absolute_url() not in reader.get(URL, {"q": "karazhanbas"}).content.decode()
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert case.get_absolute_url() in reader.get(URL, {"q": "karazhanbas"}).content.decode()
