"""Health endpoints, and what readers see when the database is really unreachable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_livez_touches_nothing(reader, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = reader.get("/livez")
    assert (response.status_code, response.content) == (200, b"ok")


@pytest.mark.django_db
def test_healthz_asks_the_database(reader, django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1
        response = reader.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_unreachable_database_gives_503_not_a_traceback():
    """A real PostgreSQL address where nothing listens: the app must answer, not crash."""
    script = (
        "import django; django.setup(); from django.test import Client; client = Client();"
        "health = client.get('/healthz'); page = client.get('/');"
        "print(health.status_code, page.status_code, page['Retry-After']);"
        "print(page.content.decode())"
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
    status_line, page = result.stdout.split("\n", 1)
    assert status_line == "503 503 60"
    assert "Temporarily unavailable" in page
    assert "Traceback" not in page
