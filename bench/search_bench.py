"""Median time of 100 name searches among 10,000 and 100,000 generated people, per database.

    .venv/bin/python bench/search_bench.py                 # SQLite, then PostgreSQL if reachable
    .venv/bin/python bench/search_bench.py --database sqlite --sizes 10000

Each database is the bench's own: a temporary SQLite file, or a PostgreSQL database named
``bench_search`` (dropped and created again) on the server of BENCH_POSTGRES_URL. People are
written with bulk_create, their name keys rebuilt once, then each search is one query through
``filter_by_name`` fetching the first 50 matches, as a list page would.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SERVER = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
# Its own name per checkout when several run on one server: BENCH_DATABASE=bench_search_x.
BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "bench_search")

FIRST = [
    ("Kuanysh", "Куаныш"),
    ("Natalia", "Наталья"),
    ("Zhanbolat", "Жанболат"),
    ("Akzhanat", "Акжанат"),
    ("Roza", "Роза"),
    ("Yerlan", "Ерлан"),
    ("Aigul", "Айгуль"),
    ("Serik", "Серик"),
    ("Gulnara", "Гульнара"),
    ("Maksat", "Максат"),
    ("Aidos", "Айдос"),
    ("Dinara", "Динара"),
    ("Vadim", "Вадим"),
    ("Tatyana", "Татьяна"),
    ("Bolat", "Болат"),
    ("Saule", "Сауле"),
    ("Nurlan", "Нурлан"),
    ("Aliya", "Алия"),
    ("Dmitriy", "Дмитрий"),
    ("Zhanna", "Жанна"),
    ("Kairat", "Кайрат"),
    ("Svetlana", "Светлана"),
    ("Marat", "Марат"),
]
SURNAME = [
    ("Sisenba", "Сисенба"),
    ("Azhigali", "Ажигали"),
    ("Mama", "Мама"),
    ("Sokol", "Сокол"),
    ("Amin", "Амин"),
    ("Tuleta", "Тулета"),
    ("Kozhakhmet", "Кожахмет"),
    ("Utegen", "Утеген"),
    ("Zhaksylyk", "Жаксылык"),
    ("Bekmukhamet", "Бекмухамет"),
    ("Sapar", "Сапар"),
    ("Kurmangazi", "Курмангази"),
    ("Dosmagambet", "Досмагамбет"),
    ("Ermek", "Ермек"),
    ("Shukhan", "Шухан"),
    ("Tokhtar", "Тохтар"),
    ("Baimagambet", "Баймагамбет"),
    ("Ivan", "Иван"),
    ("Petr", "Петр"),
    ("Smirn", "Смирн"),
    ("Kuznets", "Кузнец"),
    ("Nurgali", "Нургали"),
    ("Zhumabai", "Жумабай"),
    ("Orazbai", "Оразбай"),
]
SUFFIX = [("ev", "ев"), ("eva", "ева"), ("ov", "ов"), ("ova", "ова"), ("uly", "улы")]


def generated_names(count: int, seed: int) -> list[tuple[str, str]]:
    chooser = random.Random(seed)  # noqa: S311  # reproducible test data, not secrets
    names = []
    for n in range(count):
        (first, first_cyr), (root, root_cyr), (end, end_cyr) = (
            chooser.choice(FIRST),
            chooser.choice(SURNAME),
            chooser.choice(SUFFIX),
        )
        # A serial keeps names distinct enough that a full name finds a handful, not thousands.
        latin = f"{first} {root}{end} {n:x}"
        native = f"{first_cyr} {root_cyr}{end_cyr}" if n % 2 else ""
        names.append((latin, native))
    return names


def queries(names: list[tuple[str, str]], count: int) -> list[str]:
    """Full names, surnames, Cyrillic, informal spellings and typos, drawn from the people."""
    chooser = random.Random(7)  # noqa: S311  # reproducible test data, not secrets
    found = []
    for latin, native in chooser.sample(names, count):
        first, surname, _serial = latin.split()
        form = len(found) % 5
        if form == 0:
            found.append(f"{first} {surname}")
        elif form == 1 and native:
            found.append(native)
        elif form == 2:
            found.append(surname.replace("y", "i").replace("zh", "j"))
        elif form == 3:
            found.append(surname[:3] + surname[4:] + " " + first)  # a letter missing
        else:
            found.append(surname)
    return found


def run(database: str, sizes: list[int], searches: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries

    from casetracker.name_search import filter_by_name, rebuild_name_keys
    from people.models import Person

    call_command("migrate", verbosity=0)
    names: list[tuple[str, str]] = []
    for size in sizes:
        started = time.perf_counter()
        new = generated_names(size - len(names), seed=size)
        Person.objects.bulk_create(
            [
                Person(name=latin, native_name=native, slug=f"p-{len(names) + i}")
                for i, (latin, native) in enumerate(new)
            ],
            batch_size=2000,
        )
        names += new
        keys = rebuild_name_keys(Person)
        if connection.vendor == "postgresql":
            # As autovacuum leaves a loaded table: statistics for the planner, and a visibility
            # map, without which each index-only scan of the keys reads the table as well.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        loaded = time.perf_counter() - started
        timings, matches = [], 0
        for query in queries(names, searches):
            reset_queries()
            started = time.perf_counter()
            found = list(filter_by_name(Person.objects.all(), query).values_list("pk")[:50])
            timings.append(time.perf_counter() - started)
            matches += bool(found)
        print(
            f"{database:10} {size:>7,} people {keys:>9,} keys  "
            f"median {statistics.median(timings) * 1000:7.2f} ms  "
            f"p90 {statistics.quantiles(timings, n=10)[-1] * 1000:7.2f} ms  "
            f"found {matches}/{searches}  (load {loaded:.0f} s)",
            flush=True,
        )


def postgres_reachable() -> bool:
    import psycopg

    try:
        psycopg.connect(POSTGRES_SERVER, connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def fresh_postgres_database() -> str:
    import psycopg

    with psycopg.connect(POSTGRES_SERVER, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{BENCH_DATABASE}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], action="append")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--searches", type=int, default=100)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        run(options.database[0], sorted(options.sizes), options.searches)
        return
    for database in options.database or ["sqlite", "postgres"]:
        with tempfile.TemporaryDirectory() as folder:
            if database == "sqlite":
                url = f"sqlite:///{folder}/bench.sqlite3"
            elif postgres_reachable():
                url = fresh_postgres_database()
            else:
                print(f"postgres   not reachable at {POSTGRES_SERVER}: skipped")
                continue
            # One process per database: Django's settings are read once.
            subprocess.run(  # our own script, our own arguments
                [
                    sys.executable,
                    __file__,
                    "--child",
                    "--database",
                    database,
                    "--sizes",
                    *map(str, options.sizes),
                    "--searches",
                    str(options.searches),
                ],
                check=True,
                cwd=ROOT,
                env={
                    **os.environ,
                    "DATABASE_URL": url,
                    "DJANGO_SETTINGS_MODULE": "casetracker.settings",
                    "DEBUG": "0",
                    "SECRET_KEY": "bench-" + "x" * 60,
                    "ALLOWED_HOSTS": "localhost",
                    "PYTHONPATH": str(ROOT),
                },
            )


if __name__ == "__main__":
    main()
