"""Read settings from the environment, failing loudly on values that make no sense."""

import os
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_database(name: str, default: str) -> dict[str, Any]:
    """Parse a database URL (sqlite:///path or postgres://user@host:port/db)."""
    raw = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} is not a database URL Django understands: {error}"
        ) from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(
            f"{name} must name SQLite (sqlite:///file) or PostgreSQL (postgres://...); got {raw!r}"
        )
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} names no database: {raw!r}")
    if engine == "django.db.backends.postgresql":
        # JIT compilation pays off for long analytic queries; for a page's queries it cost 1.9 s
        # of a 2.1 s status count at a million rows, for plans whose estimated cost crossed
        # jit_above_cost. work_mem: a name search ORs "id IN (the name's owners)" with other
        # conditions, which PostgreSQL checks against a hash of the ids only if it expects the
        # hash to fit; otherwise it scans all the ids again for every row. At a million people
        # a common surname is estimated at 500,000 owners: past the default 4 MB, and the
        # search ran for more than ten minutes. A URL's own ?options= still wins.
        options = config.setdefault("OPTIONS", {})
        options.setdefault("options", "-c jit=off -c work_mem=32MB")
    return {**config}


def env_cache(name: str) -> dict[str, Any]:
    """Redis (redis://, rediss://, unix://) when ``name`` is set, else a per-process cache."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if not raw.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"{name} must be a redis://, rediss:// or unix:// URL; got {raw!r}"
        )
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": raw}}
