"""A researcher enters a group in the admin: its headcount, its named members, a range of terms."""

import pytest
from django.urls import reverse

from people.models import Person
from tests import factories
from tests.admin.editing import form_values

pytestmark = pytest.mark.django_db


def add_person(client, **fields):
    add = reverse("admin:people_person_add")
    data = form_values(client.get(add))
    data.update({"status": "draft", "not_a_duplicate": "on", **fields})
    return client.post(add, data)


def test_a_researcher_adds_a_group_with_its_headcount_and_named_members(researcher):
    member = factories.PersonFactory(name="Roza Tuletaeva")
    response = add_person(
        researcher,
        kind="group",
        anonymity="unnamed",
        public_label="oil workers sentenced after the Zhanaozen trial",
        headcount_min="17",
        headcount_max="17",
        members=[str(member.pk)],
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    group = Person.objects.get(kind="group")
    assert (group.headcount_min, group.headcount_max) == (17, 17)
    assert list(group.members.all()) == [member]
    assert group.slug.startswith("anon-")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"anonymity": "named", "name": "The Seventeen"}, "A group is described, not named"),
        ({"headcount_min": "9", "headcount_max": "5"}, "lower bound is above the upper"),
        ({"headcount_min": "1"}, "A group is two people or more"),
    ],
)
def test_a_group_the_database_would_refuse_is_a_form_error(researcher, fields, message):
    group = {"kind": "group", "anonymity": "unnamed", "public_label": "some strikers"}
    response = add_person(researcher, **group | fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.exists()


def test_one_person_has_no_members_nor_headcount(researcher):
    other = factories.PersonFactory(name="Roza Tuletaeva")
    response = add_person(researcher, name="Aidos Real", members=[str(other.pk)], headcount_min="3")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Only a group has members" in page
    assert "Only a group has a headcount" in page
    assert not Person.objects.filter(name="Aidos Real").exists()


def test_a_group_cannot_be_a_member(researcher):
    inner = factories.GroupFactory()
    response = add_person(
        researcher,
        kind="group",
        anonymity="unnamed",
        public_label="some strikers",
        members=[str(inner.pk)],
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
