"""The fixtures/ data set, loaded once per test module inside a transaction rolled back after it.

Loading per module rather than in ``django_db_setup`` keeps the data set out of every other
test's database.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction

FIXTURE_FILES = sorted(
    str(path) for path in (Path(__file__).parents[2] / "fixtures").glob("*.json")
)


def load_fixtures() -> None:
    call_command("loaddata", *FIXTURE_FILES, verbosity=0)


@pytest.fixture(scope="module")
def dataset(django_db_setup: None, django_db_blocker) -> Iterator[None]:
    """The whole data set, as ``make fixtures`` loads it."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Without a django_db test in the run, pytest-django leaves the real database configured.
        test_names = ("test_", "file:memorydb")
        assert str(connection.settings_dict["NAME"]).startswith(test_names), "not a test database"
        load_fixtures()
        yield
        transaction.set_rollback(True)
