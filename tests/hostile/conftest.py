"""The small public world of the public-site tests, to aim hostile input at."""

from tests.public.conftest import world

__all__ = ["world"]
