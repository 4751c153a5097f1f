"""Settings come from the environment and refuse unsafe or nonsensical values by name."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 10 + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"


def run_django(code: str, **environment: str) -> subprocess.CompletedProcess:
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "casetracker.settings", **environment}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def load_settings(**environment: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    env |= {"DJANGO_SETTINGS_MODULE": "casetracker.settings", **environment}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("environment", "named"),
    [
        ({"DEBUG": "0", "ALLOWED_HOSTS": "cases.example.org"}, "SECRET_KEY"),
        ({"DEBUG": "0", "SECRET_KEY": "short", "ALLOWED_HOSTS": "cases.example.org"}, "SECRET_KEY"),
        ({"DEBUG": "0", "SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DATABASE_URL": "mysql://root@localhost/cases"}, "DATABASE_URL"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL"),
        ({"SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS"),
        ({"REDIS_URL": "http://127.0.0.1:6379"}, "REDIS_URL"),
        (
            {
                "DEBUG": "0",
                "SECRET_KEY": GOOD_KEY,
                "ALLOWED_HOSTS": "cases.example.org",
                "SKIP_SECOND_FACTOR": "1",
            },
            "SKIP_SECOND_FACTOR",
        ),
    ],
)
def test_bad_environment_fails_naming_the_variable(environment, named):
    result = load_settings(**environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("environment", "engine"),
    [
        ({}, "django.db.backends.sqlite3"),
        (
            {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres"},
            "django.db.backends.postgresql",
        ),
        (
            {"DEBUG": "0", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "cases.example.org"},
            "django.db.backends.sqlite3",
        ),
    ],
)
def test_good_environment_loads(environment, engine):
    result = load_settings(**environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == engine


def test_redis_url_shares_cache_and_sessions_between_servers():
    """Two processes (two app servers) see each other's cache entries through Redis."""
    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 6379)) != 0:
            pytest.skip("no Redis on 127.0.0.1:6379")
    key = f"casetracker-test-{os.getpid()}"
    env = {"REDIS_URL": "redis://127.0.0.1:6379/7"}
    write = run_django(
        f"from django.core.cache import cache; cache.set({key!r}, 'shared', 30)", **env
    )
    read = run_django(
        f"from django.core.cache import cache; from django.conf import settings; "
        f"print(cache.get({key!r}), settings.SESSION_ENGINE)",
        **env,
    )
    assert write.returncode == read.returncode == 0, read.stderr
    assert read.stdout.split() == ["shared", "django.contrib.sessions.backends.cached_db"]


@pytest.mark.django_db
def test_postgresql_connections_do_not_jit_compile_page_queries():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        # Enough to hash a common name's estimated owners at a million people (see env.py).
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone()[0] == "32MB"
