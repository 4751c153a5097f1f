"""Error pages in the site's layout and the reader's language, as served with DEBUG off."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import permission_denied, server_error

from casetracker.publication import Status
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_unknown_address_answers_the_sites_404_page(reader, settings):
    assert settings.DEBUG is False
    response = reader.get("/people/nobody-of-that-name/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Page not found</h1>" in page
    assert 'class="skip"' in page
    assert reverse("people:person_list") in page
    assert "urlpatterns" not in page
    assert "Traceback" not in page


def test_an_unpublished_record_answers_the_same_404_as_none(reader):
    draft = factories.PersonFactory(name="Hidden Draftperson", status=Status.DRAFT)
    hidden = reader.get(draft.get_absolute_url())
    missing = reader.get("/people/no-such-person/")
    assert hidden.status_code == missing.status_code == 404
    assert "Draftperson" not in hidden.content.decode()
    assert hidden.content == missing.content.replace(b"no-such-person", draft.slug.encode())


def test_the_404_page_is_in_russian_for_a_russian_reader(reader):
    response = reader.get("/people/nobody/", HTTP_ACCEPT_LANGUAGE="ru")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="ru">' in page
    assert "<h1>Страница не найдена</h1>" in page
    assert "Page not found" not in page


def test_a_forged_host_answers_the_sites_400_page(reader):
    response = reader.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Something went wrong"), ("ru", "Что-то пошло не так")]
)
def test_the_500_page_renders_without_a_request_context(language, heading):
    # Django renders 500.html with no context processors: the layout must not need them.
    with translation.override(language):
        response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{heading}</h1>" in page
    assert f'<html lang="{language}">' in page


def test_the_403_page_is_in_the_sites_layout():
    with translation.override("ru"):
        response = permission_denied(RequestFactory().get("/"), exception=None)
    assert response.status_code == 403
    assert "<h1>Доступ закрыт</h1>" in response.content.decode()
