"""Personas and shared fixtures: an anonymous reader, a researcher and an editor."""

import pytest
from django.test import Client


@pytest.fixture
def reader() -> Client:
    return Client()


def _staff_in(group_name: str, username: str):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def researcher_user(db):
    return _staff_in("Researcher", "researcher")


@pytest.fixture
def editor_user(db):
    return _staff_in("Editor", "editor")


@pytest.fixture
def researcher(researcher_user) -> Client:
    """A logged-in member of the Researcher group: adds and changes, cannot publish."""
    client = Client()
    client.force_login(researcher_user)
    return client


@pytest.fixture
def editor(editor_user) -> Client:
    """A logged-in member of the Editor group: also publishes, unpublishes, reverts, deletes."""
    client = Client()
    client.force_login(editor_user)
    return client
