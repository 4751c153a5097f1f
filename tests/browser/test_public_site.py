"""A reader's path through the public site in a real browser, and its accessibility."""

from __future__ import annotations

import re

import pytest

from tests.public.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "/tmp"  # noqa: S108  # looked at by hand; never read back by the tests


def summary(violations: list[dict]) -> list[str]:
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in violations]


def test_filter_people_by_article_open_a_person_and_follow_a_footnote(live_server, page):
    world = build_world(3)
    page.goto(f"{live_server.url}/people/")
    page.get_by_label("Charged under").select_option(label=str(world.article))
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"article=criminal-1997-164"))
    assert page.get_by_role("status").inner_text().startswith("3 people")

    page.get_by_role("link", name="Kuanysh Sisenbaev").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Kuanysh Sisenbaev")

    page.locator("sup.refs a").first.click()
    assert page.url.endswith("#fn-1")
    page.locator("#fn-1 a").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == world.source.title


@pytest.mark.parametrize("path", ["/", "/people/", "/people/worker-00/", "/about/", "/about/data/"])
def test_no_serious_accessibility_violations(live_server, page, axe_violations, path):
    build_world(3)
    response = page.goto(f"{live_server.url}{path}")
    assert len(response.body()) < 100_000
    assert summary(axe_violations(page)) == []


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/", "home"),
        ("/people/", "people"),
        ("/people/worker-00/", "person"),
        ("/about/", "about"),
        ("/about/data/", "data-dictionary"),
    ],
)
def test_pages_fit_a_phone(live_server, phone_page, page, path, name):
    build_world(3)
    for tab, width in ((phone_page, "375"), (page, "1280")):
        tab.goto(f"{live_server.url}{path}")
        tab.screenshot(path=f"{SCREENSHOTS}/casetracker-{name}-{width}.png", full_page=True)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
