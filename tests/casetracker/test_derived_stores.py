"""The derived stores follow every save and delete, and a bulk write is made good by rebuild()."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from casetracker import derived_stores, fts
from casetracker.models import NameKey
from casetracker.page_cache import current_version
from people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


def name_keys(person: Person) -> set[str]:
    content_type = ContentType.objects.get_for_model(Person)
    return set(
        NameKey.objects.filter(content_type=content_type, object_id=person.pk).values_list(
            "key", flat=True
        )
    )


def indexed_summary(person: Person) -> str | None:
    """The summary the full-text table holds for ``person``; PostgreSQL has no such table and
    searches the records themselves, so there the record's own summary stands for it."""
    if not fts.fts_in_use(connection):
        return Person.objects.get(pk=person.pk).summary
    number = fts.KINDS["people.person"][0]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT body FROM {fts.TABLE} WHERE rowid = %s",  # noqa: S608 (our table)
            [person.pk * fts.KINDS_SPAN + number],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def test_a_save_keeps_every_store_current():
    before = current_version()
    person = f.PersonFactory(name="Roza Tuletaeva", summary="Singer from Zhanaozen.")
    assert name_keys(person)
    assert current_version() != before
    assert indexed_summary(person) == "Singer from Zhanaozen."


def test_a_bulk_write_is_made_good_by_rebuild():
    [person] = Person.objects.bulk_create(
        [Person(name="Natalia Azhigalieva", slug="natalia-azhigalieva", summary="Journalist.")]
    )
    before = current_version()
    assert name_keys(person) == set()  # bulk_create sends no signals

    written = derived_stores.rebuild()

    saved_twin = f.PersonFactory(name="Natalia Azhigalieva")
    assert name_keys(person) == name_keys(saved_twin) != set()
    assert written["name keys"] >= len(name_keys(person))
    assert current_version() != before
    assert indexed_summary(person) == "Journalist."
