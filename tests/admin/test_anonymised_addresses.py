"""An anonymised person's address names nobody, and no redirect ties a name to them."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from people.merge import MergeError, person_merge
from people.models import ANONYMOUS_SLUG, Person, PersonRedirect
from tests import factories
from tests.admin.editing import form_values

pytestmark = pytest.mark.django_db


def person_url(slug: str) -> str:
    return reverse("people:person_detail", args=[slug])


def anonymised(**kwargs) -> Person:
    return factories.PersonFactory(anonymity="minor", public_label="a 12-year-old boy", **kwargs)


# Hole 3: redirects.


def test_merging_a_named_duplicate_into_an_anonymised_person_leaves_no_redirect(editor, reader):
    keep = anonymised(name="Aidos Real")
    duplicate = factories.PersonFactory(name="Aidos Real", slug="aidos-real")
    selected = {"action": "merge_people", ACTION_CHECKBOX_NAME: [keep.pk, duplicate.pk]}
    changelist = reverse("admin:people_person_changelist")

    editor.post(changelist, {**selected, "keep": keep.pk, "confirm": "yes"})

    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert not PersonRedirect.objects.exists()
    assert reader.get(person_url("aidos-real")).status_code == 404
    assert reader.get(keep.get_absolute_url()).status_code == 200


def test_an_anonymised_duplicate_is_not_merged_into_a_named_person(editor_user):
    keep = factories.PersonFactory(name="Aidos Real")
    duplicate = anonymised(name="Aidos Real")
    with pytest.raises(MergeError, match="Keep the anonymised record"):
        person_merge(keep=keep, duplicate=duplicate, by=editor_user)
    assert Person.objects.filter(pk=duplicate.pk).exists()


def test_a_person_the_source_did_not_name_merges_into_the_one_a_later_source_names(
    editor_user, reader
):
    keep = factories.PersonFactory(name="Aidos Real")
    duplicate = factories.PersonFactory(
        name="", anonymity="unnamed", public_label="a driver from Zhanaozen"
    )
    factories.DetentionFactory(person=duplicate)
    person_merge(keep=keep, duplicate=duplicate, by=editor_user)
    assert keep.detentions.count() == 1
    # A made-up address never leads to a name, whoever it was made up for.
    assert reader.get(person_url(duplicate.slug)).status_code == 404


def test_two_named_records_still_redirect(editor_user, reader):
    keep = factories.PersonFactory(slug="kenzhebek-duysenov")
    duplicate = factories.PersonFactory(slug="kenzhebek-duisenov")
    person_merge(keep=keep, duplicate=duplicate, by=editor_user)
    response = reader.get(person_url("kenzhebek-duisenov"))
    assert (response.status_code, response["Location"]) == (301, keep.get_absolute_url())


@pytest.mark.parametrize("client_name", ["researcher", "editor"])
def test_nobody_types_a_redirect(request, client_name):
    client = request.getfixturevalue(client_name)
    person = anonymised()
    add = reverse("admin:people_personredirect_add")
    assert client.get(add).status_code == 403
    assert client.post(add, {"old_slug": "aidos-real", "person": person.pk}).status_code == 403
    assert not PersonRedirect.objects.exists()


def test_no_way_in_makes_a_redirect_from_a_name_to_an_anonymised_person():
    person = anonymised()
    with pytest.raises(ValidationError):
        PersonRedirect.objects.create(old_slug="aidos-real", person=person)
    named = factories.PersonFactory()
    with pytest.raises(ValidationError):
        PersonRedirect.objects.create(old_slug=person.slug, person=named)


def test_a_redirect_made_before_the_person_was_anonymised_stops_answering(editor, reader):
    person = factories.PersonFactory(name="Aidos Real", slug="aidos-real")
    factories.PersonRedirectFactory(old_slug="aidos-reall", person=person)
    url = reverse("admin:people_person_change", args=[person.pk])
    data = {**form_values(editor.get(url)), "anonymity": "minor", "public_label": "a boy"}

    assert editor.post(url, data).status_code == 302

    person.refresh_from_db()
    assert ANONYMOUS_SLUG.fullmatch(person.slug)
    assert reader.get(person_url("aidos-reall")).status_code == 404
    assert reader.get(person_url("aidos-real")).status_code == 404
    assert reader.get(person.get_absolute_url()).status_code == 200


# Hole 4: the address itself.


def test_a_typed_address_of_an_anonymised_person_is_replaced(researcher, editor, reader):
    add = reverse("admin:people_person_add")
    data = {
        **form_values(researcher.get(add)),
        "name": "Aidos Real",
        "slug": "aidos-real",
        "anonymity": "minor",
        "public_label": "a 12-year-old boy",
        "not_a_duplicate": "on",
        "status": "in_review",
    }
    assert researcher.post(add, data).status_code == 302
    person = Person.objects.get()
    assert ANONYMOUS_SLUG.fullmatch(person.slug)

    editor.post(
        reverse("admin:people_person_changelist"),
        {"action": "publish", ACTION_CHECKBOX_NAME: [person.pk]},
    )
    for url in [
        reverse("people:person_list"),
        reverse("people:person_export", args=["csv"]),
        reverse("people:person_export", args=["json"]),
        f"{reverse('search')}?q=boy",
        person.get_absolute_url(),
    ]:
        response = reader.get(url)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        assert "a 12-year-old boy" in body, url
        assert "aidos" not in body.lower(), url


def test_the_database_refuses_a_name_in_an_anonymised_persons_address():
    person = anonymised()
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(slug="aidos-real")
