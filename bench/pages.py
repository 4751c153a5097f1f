"""Throughput and latency of the public pages against the stack's ceiling and against Datasette.

    .venv/bin/python bench/pages.py --rows 1000 100000 --database sqlite postgres

For each database and size: generate data (manage.py generate_data), serve the app as production
does (gunicorn, 2 workers, DEBUG off, WhiteNoise), drive every page and the trivial view /livez with
wrk (16 connections, fixed time), and print requests/s, p50, p99 and the ratio to /livez measured
in the same run, twice: with the page cache as production runs it, and with it off (the cost of the
first request after a change); on SQLite, also Datasette's page with the same two filters over the
same file. The people export is fetched whole from a fresh server, and the workers' peak memory
read from /proc. Results go to bench/results/<date>-<db>.md.
Needs wrk (Debian package) and datasette (pip install datasette).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DATASETTE = ROOT / ".venv" / "bin" / "datasette"
ROWS_PER_PERSON = 11  # what generate_data writes per person, all tables together
PORT, DATASETTE_PORT = 8811, 8812
WARM_UP_SECONDS = 120
SECRET = "bench-only-" + "x" * 50
# The pages the issue names, on generate_data's records (slugs gen-...).
PAGES = {
    "home": "/",
    "people list": "/people/",
    "people list, two filters": "/people/?article=gen-criminal-164-1&year=2011",
    "name search": "/search/?q=Sisenbaev",
    "person detail": "/people/gen-person-1/",
    "incident detail": "/incidents/gen-incident-1/",
    "hearings in a date range": "/hearings/?held_after=2011-09-01&held_before=2012-06-30",
}
EXPORT = "/people/export.csv"
# Datasette's table view of the same filtered list, with our FilterSet's conditions as the SQL it
# accepts: public people charged under the article in a public case, with a public detention
# begun in 2011, sorted by name.
DATASETTE_WHERE = """
id in (select c.defendant_id from cases_charge c join cases_case k on k.id = c.case_id
       join cases_legalarticle a on a.id = c.article_id
       where a.slug = 'gen-criminal-164-1' and k.status = 'published' and k.visibility = 'public')
and id in (select d.person_id from cases_detention d left join cases_case k on k.id = d.case_id
           where d.status = 'published' and d.visibility = 'public'
           and (d.case_id is null or (k.status = 'published' and k.visibility = 'public'))
           and d.started_on between '2011-01-01' and '2011-12-31')
"""
DATASETTE_FILTERED = (
    "/people_person?status=published&visibility=public&_sort=sort_name&_where="
    + urllib.parse.quote(" ".join(DATASETTE_WHERE.split()))
)


def database_url(database: str, rows: int) -> str:
    if database == "sqlite":
        return f"sqlite:///{ROOT / 'bench' / 'results' / 'tmp' / f'bench-{rows}.sqlite3'}"
    return f"postgres://postgres@127.0.0.1:5432/bench_{rows}"


def prepare(database: str, rows: int) -> dict[str, str]:
    """A database with ``rows`` generated rows, made once and reused by later runs."""
    env = os.environ | {"DATABASE_URL": database_url(database, rows), "DEBUG": "1"}
    marker = ROOT / "bench" / "results" / "tmp" / f"ready-{database}-{rows}"
    if not marker.exists():
        marker.parent.mkdir(parents=True, exist_ok=True)
        if database == "sqlite":
            Path(database_url(database, rows).removeprefix("sqlite:///")).unlink(missing_ok=True)
        else:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", f"bench_{rows}"],
                check=True,
            )
            subprocess.run(
                ["createdb", "-h", "127.0.0.1", "-U", "postgres", f"bench_{rows}"], check=True
            )
        manage(env, "migrate", "-v0")
        manage(
            env, "generate_data", "--people", str(max(1, rows // ROWS_PER_PERSON)), "--seed", "1"
        )
        marker.touch()
    # A database kept from an earlier run gets the migrations that came since, and fresh planner
    # statistics for what they changed.
    manage(env, "migrate", "-v0")
    manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('ANALYZE')",
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


@contextmanager
def serving(
    command: list[str], env: dict[str, str], port: int, ready_path: str = "/livez"
) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=2)
                break
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{command[0]} did not start on port {port}") from None
                time.sleep(0.3)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # Datasette still inside a long query at 1M rows
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def gunicorn() -> list[str]:
    return [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "casetracker.wsgi",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--workers",
        "2",
        "--timeout",
        "3600",  # a sync worker is only let off while idle: a million-row export takes minutes
    ]


def warm_up(url: str) -> None:
    """Concurrent requests reach both workers, so each has built and cached the page once.

    A page too slow or failing here is left to wrk, which counts its timeouts and errors.
    """
    with ThreadPoolExecutor(4) as pool:
        futures = [
            pool.submit(urllib.request.urlopen, url, timeout=WARM_UP_SECONDS) for _ in range(4)
        ]
        for future in futures:
            try:
                future.result().read()
            except OSError:  # HTTP errors and timeouts too
                return


def drive(url: str, seconds: int, clients: int) -> dict[str, float]:
    warm_up(url)
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{clients}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "latency.lua"),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def peak_memory_mb(process: subprocess.Popen) -> float:
    """The largest peak resident size (VmHWM) among gunicorn's workers."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks, default=0.0)


def export_row(url: str, server: subprocess.Popen) -> str:
    """One full export: its rows, time to the last byte and the workers' peak memory so far."""
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=3600) as response:
        rows = sum(1 for _line in response) - 1
    seconds = time.monotonic() - started
    return (
        f"| people CSV export, {rows:,} rows | {seconds:.1f} s | "
        f"{peak_memory_mb(server):.0f} MB peak worker memory |"
    )


def measure(pages: dict[str, str], seconds: int, clients: int) -> Figures:
    """wrk figures of /livez (the ceiling, first) and of every page, from one server."""
    urls = {"trivial view /livez": "/livez", **pages}
    return {
        name: drive(f"http://127.0.0.1:{PORT}{path}", seconds, clients)
        for name, path in urls.items()
    }


def run(database: str, rows: int, seconds: int, clients: int, pages: dict[str, str]) -> list[str]:
    env = prepare(database, rows)
    served = env | {
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
    }
    manage(served, "collectstatic", "--no-input", "-v0")
    # The page cache off: what each request costs the first reader after a change. A fresh server,
    # exports first, so the workers' peak memory is the export's.
    uncached_env = served | {"PAGE_CACHE_SECONDS": "0"}
    with serving(gunicorn(), uncached_env, PORT) as server:
        exports = [export_row(f"http://127.0.0.1:{PORT}{EXPORT}", server)]
        uncached = measure(pages, seconds, clients)
    # As production runs: anonymous pages from the cache until a record changes.
    with serving(gunicorn(), served, PORT):
        cached = measure(pages, seconds, clients)
    lines = [
        "| page | cached req/s | p50 ms | p99 ms | ratio | uncached req/s | p50 ms | p99 ms "
        "| ratio | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in cached:
        lines.append(row(name, cached, uncached))
    if database == "sqlite" and DATASETTE.exists():
        sqlite_file = database_url(database, rows).removeprefix("sqlite:///")
        command = [
            str(DATASETTE),
            "serve",
            sqlite_file,
            "--port",
            str(DATASETTE_PORT),
            "--setting",
            "num_sql_threads",
            "2",
        ]
        with serving(command, env, DATASETTE_PORT, ready_path="/"):
            table = Path(sqlite_file).stem
            figures = drive(
                f"http://127.0.0.1:{DATASETTE_PORT}/{table}{DATASETTE_FILTERED}", seconds, clients
            )
        ours = "people list, two filters"
        lines.append(
            f"| Datasette: people, same two filters | {figures['rps']:.0f} | "
            f"{figures['p50_ms']:.1f} | {figures['p99_ms']:.1f} | | | | | | "
            f"{int(figures['errors'] + figures['non2xx'])} |"
        )
        if figures["rps"]:
            lines.append(
                f"| our filtered list ÷ Datasette | {cached[ours]['rps'] / figures['rps']:.1f}x "
                f"| | | | {uncached[ours]['rps'] / figures['rps']:.1f}x | | | | |"
            )
    return [*lines, "", "| export | time | memory |", "| --- | ---: | ---: |", *exports]


Figures = dict[str, dict[str, float]]


def row(name: str, cached: Figures, uncached: Figures) -> str:
    cells = [name]
    for figures in (cached, uncached):
        ceiling, page = figures["trivial view /livez"], figures[name]
        cells += [
            f"{page['rps']:.0f}",
            f"{page['p50_ms']:.1f}",
            f"{page['p99_ms']:.1f}",
            f"{page['rps'] / ceiling['rps']:.2f}",
        ]
    errors = sum(int(f[name]["errors"] + f[name]["non2xx"]) for f in (cached, uncached))
    return "| " + " | ".join([*cells, str(errors)]) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--database", nargs="+", choices=["sqlite", "postgres"], default=["sqlite"])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=16)
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/pages.py needs wrk: apt-get install wrk")
    today = dt.datetime.now(tz=dt.UTC).date()
    for database in arguments.database:
        report = [
            f"# Page benchmark, {today}, {database}",
            "",
            f"wrk, {arguments.clients} connections, {arguments.seconds} s per page; "
            "gunicorn 2 workers, DEBUG off. Ratio: requests/s over /livez's in the same server.",
            "",
        ]
        out = ROOT / "bench" / "results" / f"{today}-{database}.md"
        print("\n".join(report), flush=True)
        for rows in arguments.rows:
            section = len(report)
            report += [f"## {rows:,} rows", ""]
            report += run(database, rows, arguments.seconds, arguments.clients, PAGES)
            report.append("")
            # Saved after each size: the largest can take an hour, and the others stand alone.
            out.write_text("\n".join(report) + "\n")
            print("\n".join(report[section:]), flush=True)


if __name__ == "__main__":
    main()
