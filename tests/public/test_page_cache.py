"""Anonymous readers' public pages come from the cache until any record changes."""

import pytest
from django.db import connection
from django.urls import reverse

from casetracker.models import ContentVersion
from casetracker.publication import Status
from tests import factories as f

pytestmark = pytest.mark.django_db

PEOPLE = "/people/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()


def rename_behind_the_orm(person, name: str) -> None:
    """A change no signal sees: only the view, not the cache, can show it."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {person._meta.db_table} SET name = %s WHERE id = %s",  # noqa: S608
            [name, person.pk],
        )


def test_a_page_seen_once_is_served_with_one_query(reader, world, django_assert_num_queries):
    first = reader.get(PEOPLE)
    with django_assert_num_queries(1):  # the content version
        second = reader.get(PEOPLE)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"], "headers are added afresh to a cached page"


def test_publishing_a_record_shows_it_at_once(reader, world):
    newcomer = f.PersonFactory(name="Aizhan Kalieva", status=Status.IN_REVIEW)
    assert "Aizhan Kalieva" not in reader.get(PEOPLE).content.decode()

    newcomer.status = Status.PUBLISHED
    newcomer.save()

    assert "Aizhan Kalieva" in reader.get(PEOPLE).content.decode()


def test_unpublishing_a_record_takes_it_off_every_page_at_once(reader, world):
    person = world.person
    assert reader.get(person.get_absolute_url()).status_code == 200
    assert person.name in reader.get(PEOPLE).content.decode()

    person.status = Status.IN_REVIEW
    person.save()

    assert reader.get(person.get_absolute_url()).status_code == 404
    assert person.name not in reader.get(PEOPLE).content.decode()


def test_a_change_to_a_related_record_refreshes_the_pages_showing_it(reader, world):
    url = world.person.get_absolute_url()
    assert world.case.title in reader.get(url).content.decode()

    world.case.title = "Case renamed by a researcher"
    world.case.save()

    assert "Case renamed by a researcher" in reader.get(url).content.decode()


def test_deleting_a_record_refreshes_the_pages(reader, world):
    url = world.incident.get_absolute_url()
    assert reader.get(url).status_code == 200
    world.incident.delete()
    assert reader.get(url).status_code == 404


def test_the_version_is_read_from_the_database_so_other_processes_see_writes(reader, world):
    """Another app server's write reaches this process through the database, not its cache."""
    rename_behind_the_orm(world.person, "Renamed elsewhere")
    reader.get(PEOPLE)  # cached with the old name's page... or the new one: either way, now
    assert "Renamed elsewhere" in reader.get(PEOPLE).content.decode()
    rename_behind_the_orm(world.person, "Renamed again")
    assert "Renamed again" not in reader.get(PEOPLE).content.decode(), "served from the cache"

    ContentVersion.objects.filter(pk=1).update(token=12345)  # as another process's write does

    assert "Renamed again" in reader.get(PEOPLE).content.decode()


def test_logged_in_users_always_get_the_view(reader, researcher, world):
    reader.get(PEOPLE)
    rename_behind_the_orm(world.person, "Seen by staff only")
    assert "Seen by staff only" not in reader.get(PEOPLE).content.decode()
    assert "Seen by staff only" in researcher.get(PEOPLE).content.decode()


def test_each_language_has_its_own_copy(reader, world):
    english = reader.get(PEOPLE).content.decode()
    reader.cookies["django_language"] = "ru"
    russian = reader.get(PEOPLE).content.decode()
    assert '<html lang="en">' in english
    assert '<html lang="ru">' in russian
    del reader.cookies["django_language"]
    assert reader.get(PEOPLE).content.decode() == english


def test_each_query_string_has_its_own_copy(reader, world):
    everyone = reader.get(PEOPLE).content.decode()
    one = reader.get(PEOPLE, {"name": world.person.name}).content.decode()
    assert one != everyone
    assert reader.get(PEOPLE, {"name": world.person.name}).content.decode() == one


def stored_pages() -> list[str]:
    from django.core.cache import cache

    return [key for key in cache._cache if ":page:" in key]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/incidents/?started_before=2012-02-30", 400),
        ("/people/no-such-person/", 404),
        ("/people/export.csv", 200),  # streamed
        ("/admin/login/", 200),  # not a public page
    ],
)
def test_errors_exports_and_other_pages_are_never_stored(reader, world, url, status):
    assert reader.get(url).status_code == status
    assert stored_pages() == []
    reader.get(PEOPLE)
    assert len(stored_pages()) == 1


def test_bulk_generated_records_invalidate_the_cache(reader, db):
    from django.core.management import call_command

    assert "0 people" in reader.get(PEOPLE).content.decode()
    call_command("generate_data", people=3, seed=1, verbosity=0)
    assert "3 people" in reader.get(PEOPLE).content.decode()


def test_a_cached_page_keeps_the_language_form_usable_by_anyone(world):
    """No CSRF token on shared pages: a second visitor's language change still works."""
    from django.test import Client

    Client().get(PEOPLE)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(PEOPLE).content.decode()
    assert "csrfmiddlewaretoken" not in page
    response = visitor.post(reverse("set_language"), {"language": "ru", "next": PEOPLE})
    assert response.status_code == 302
    assert '<html lang="ru">' in visitor.get(PEOPLE).content.decode()


def count_queries(captured) -> int:
    return sum("COUNT(*)" in query["sql"] for query in captured.captured_queries)


def test_every_page_of_a_list_shares_one_count_until_a_record_changes(reader, db):
    from django.test.utils import CaptureQueriesContext

    f.PersonFactory.create_batch(30)
    with CaptureQueriesContext(connection) as first:
        assert "30 people" in reader.get(PEOPLE).content.decode()
    with CaptureQueriesContext(connection) as second:
        assert "30 people" in reader.get(PEOPLE, {"page": 2}).content.decode()
    assert count_queries(first) == 1
    assert count_queries(second) == 0

    f.PersonFactory()
    with CaptureQueriesContext(connection) as after_a_write:
        assert "31 people" in reader.get(PEOPLE, {"page": 2}).content.decode()
    assert count_queries(after_a_write) == 1


def test_each_filter_has_its_own_count(reader, world):
    assert "3 people" in reader.get(PEOPLE).content.decode()
    assert "1 person" in reader.get(PEOPLE, {"name": world.person.name}).content.decode()


@pytest.mark.parametrize(
    "headers",
    [{"Host": "mirror.example.org"}, {"X-Forwarded-Proto": "https"}],
    ids=["another allowed host", "https through the proxy"],
)
def test_a_page_with_absolute_links_is_kept_per_scheme_and_host(settings, world, headers):
    """The feed's links hold the scheme and host of the request that built it: one reader's
    must not be served to the next (SECURE_PROXY_SSL_HEADER trusts X-Forwarded-Proto)."""
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver", "mirror.example.org"]
    url = world.hearing.get_absolute_url()
    first = Client(headers=headers).get(reverse("casetracker:feed")).content.decode()
    assert f"http://testserver{url}" not in first

    later = Client().get(reverse("casetracker:feed")).content.decode()

    assert f"http://testserver{url}" in later
