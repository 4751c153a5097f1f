"""The interface in English and Russian, switched by the language form on every page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_switcher_changes_the_interface_language(reader, world):
    english = reader.get(reverse("people:person_list")).content.decode()
    assert "3 people" in english
    assert 'action="/i18n/setlang/"' in english

    response = reader.post(
        reverse("set_language"), {"language": "ru", "next": reverse("people:person_list")}
    )
    assert response.status_code == 302
    russian = reader.get(reverse("people:person_list")).content.decode()
    assert '<html lang="ru">' in russian
    assert "3 человека" in russian
    assert "Обвинение по статье" in russian
    assert "Kuanysh Sisenbaev" in russian  # names are data, not translated


@pytest.mark.parametrize(
    ("count", "words"), [(1, "1 человек"), (3, "3 человека"), (5, "5 человек")]
)
def test_russian_counts_use_the_right_plural(reader, db, count, words):
    from tests.public.conftest import build_world

    build_world(count)
    response = reader.get(reverse("people:person_list"), HTTP_ACCEPT_LANGUAGE="ru")
    assert words in response.content.decode()


def test_a_sentence_reads_in_russian_on_the_person_and_hearing_pages(reader, world):
    for url in (world.person.get_absolute_url(), world.hearing.get_absolute_url()):
        page = reader.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
        assert "5 лет лишения свободы" in page
        assert "in prison" not in page
