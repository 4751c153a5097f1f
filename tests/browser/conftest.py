"""Browser tests: Debian's chromium driven by playwright against a live server.

Reusable fixtures: ``browser`` (one chromium per session), ``page`` (a fresh desktop-sized tab),
``phone_page`` (375 px wide), and ``axe_violations(page)`` which injects axe-core and returns the
serious and critical violations. Every test here is skipped when chromium or playwright is
missing, and axe-core is installed from tests/browser/package.json on first use.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = _missing()
    for item in items:
        if "browser" in item.keywords and reason:
            item.add_marker(pytest.mark.skip(reason=reason))


def _missing() -> str:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    return ""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium per test module, so the event loop below ends with the browser tests."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread while it lives; the ORM
    # calls that tests and database fixtures make meanwhile are still plain synchronous calls.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser: Any, width: int, height: int) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    yield from _page(browser, 1280, 900)


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    yield from _page(browser, 375, 800)


def _axe_source() -> str:
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is needed to install axe-core for the accessibility checks")
        subprocess.run(  # a fixed command on our own package.json
            [npm, "install", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True
        )
    return AXE.read_text()


@pytest.fixture(scope="session")
def axe_violations() -> Callable[[Any], list[dict[str, Any]]]:
    """Runs axe-core in a page; returns its serious and critical violations."""
    source = _axe_source()

    def run(page: Any) -> list[dict[str, Any]]:
        page.evaluate(source)
        result = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        return [v for v in result if v["impact"] in ("serious", "critical")]

    return run
