"""PostgreSQL's full-text search: served by the GIN indexes of casetracker migration 0007, with
accents ignored and titles weighing more than summaries.

SQLite searches its FTS5 table instead (test_full_text_sqlite).
"""

import pytest
from django.db import connection, models
from factory.django import DjangoModelFactory

from cases.models import Case
from casetracker.text_search import text_search
from people.models import Person
from tests.factories import (
    CaseFactory,
    IncidentFactory,
    OrganizationFactory,
    PersonFactory,
    SourceDocumentFactory,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL full-text search and its indexes"
    ),
    pytest.mark.django_db,
]

# The fields site_search searches, and the index migration 0007 made of them.
SEARCHED = [
    (PersonFactory, ["summary"], "people_person_text_search"),
    (OrganizationFactory, ["summary"], "people_organization_text_search"),
    (CaseFactory, ["title", "summary"], "cases_case_text_search"),
    (IncidentFactory, ["title", "summary"], "events_incident_text_search"),
    (SourceDocumentFactory, ["title", "summary"], "casetracker_sourcedocument_text_search"),
]
ROWS = 500


def fill(factory: type[DjangoModelFactory], rare_word: str) -> type[models.Model]:
    """ROWS records, one of which has ``rare_word`` in its summary; the table analysed."""
    model: type[models.Model] = factory._meta.model
    records = factory.build_batch(ROWS)
    records[0].summary = f"Remembered for the {rare_word}."
    model._default_manager.bulk_create(records)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {model._meta.db_table}")
    return model


def plan(queryset: models.QuerySet) -> str:
    # Sequential scans all but forbidden, so one shows only where no index can serve the query.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


@pytest.mark.parametrize(("factory", "fields", "index"), SEARCHED)
def test_the_search_reads_the_index_not_the_table(factory, fields, index):
    model = fill(factory, "walkout")
    found = text_search(model._default_manager.all(), "walkout", fields, snippet_field="summary")
    assert len(found) == 1
    explained = plan(found)
    assert f"Bitmap Index Scan on {index}" in explained
    assert f"Seq Scan on {model._meta.db_table}" not in explained


def test_the_index_still_serves_a_search_ored_with_a_name_condition():
    # As on the search page, where people and cases are also found by name.
    fill(PersonFactory, "walkout")
    found = text_search(
        Person.objects.all(),
        "walkout",
        ["summary"],
        snippet_field="summary",
        extra=models.Q(name__icontains="walkout"),
    )
    assert len(found) == 1
    assert "Bitmap Index Scan on people_person_text_search" in plan(found)


def search(query: str) -> list[Case]:
    return list(
        text_search(Case.objects.all(), query, ["title", "summary"], snippet_field="summary")
    )


def test_accents_are_ignored_in_the_text_and_the_query():
    accented = CaseFactory(title="Case of the driver", summary="Heard by judge Ölmez in Aktau.")
    plain = CaseFactory(title="Case of the welder", summary="Heard by judge Olmez in Aktau.")
    assert set(search("olmez")) == {accented, plain}
    assert set(search("ÖLMEZ")) == {accented, plain}


def test_a_title_match_ranks_above_a_summary_match():
    # The summary match's title sorts first: only the rank can put the title match ahead.
    in_summary = CaseFactory(title="Case of a welder", summary="Arrested after the strike.")
    in_title = CaseFactory(title="Case of the strike leader", summary="Arrested at home.")
    assert search("strike") == [in_title, in_summary]


def test_quotes_and_minus_signs_are_read_as_web_search():
    both = CaseFactory(title="Case of the hunger strike", summary="")
    apart = CaseFactory(title="Case of the strike and the hunger", summary="")
    assert search('"hunger strike"') == [both]
    assert search("strike -hunger") == []
    assert set(search("hunger strike")) == {both, apart}
