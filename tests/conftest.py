"""Personas and shared fixtures: an anonymous reader, a researcher and an editor."""

import pytest
from django.test import Client


@pytest.fixture
def reader() -> Client:
    return Client()
