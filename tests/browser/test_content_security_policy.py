"""The Content-Security-Policy holds in a real browser: no page, public or admin, needs an inline
script or style, so chromium reports no violation (the ``page`` fixture bypasses CSP for the other
browser tests; these tabs enforce it)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD, totp_token
from tests.public.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Watched:
    """A tab that enforces CSP and remembers every violation it saw, from console and events."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.console: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def violations(self) -> list[str]:
        return self.console + self.page.evaluate("window.__cspViolations || []")

    def visit(self, url: str) -> list[str]:
        response = self.page.goto(url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        self.page.wait_for_load_state("networkidle")
        return self.violations()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    tab = Watched(browser)
    yield tab
    tab.context.close()


@pytest.fixture
def editor_account() -> User:
    if not Group.objects.filter(name="Editor").exists():  # an earlier live test flushed them
        importlib.import_module("casetracker.migrations.0003_editorial_groups").create_groups(
            apps, None
        )
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


@pytest.mark.parametrize("path", ["/", "/people/", "/people/worker-00/", "/search/?q=worker"])
def test_public_pages_raise_no_violation(live_server, watched, path):
    build_world(3)
    assert watched.visit(f"{live_server.url}{path}") == []


def test_admin_raises_no_violation(live_server, watched, editor_account):
    world = build_world(2)
    page = watched.page
    assert watched.visit(f"{live_server.url}/admin/login/") == []
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/two-factor/**")
    page.fill("#id_token", totp_token(editor_account.totpdevice_set.get()))
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert watched.violations() == []

    assert watched.visit(f"{live_server.url}/admin/people/person/") == []
    assert watched.visit(f"{live_server.url}/admin/people/person/{world.person.pk}/change/") == []
    # The scripts that build the page: add an inline row, open an autocomplete, a date picker.
    page.get_by_text("Add another Detention").click()
    page.locator(".select2-selection").first.click()
    page.keyboard.press("Escape")
    page.locator(".datetimeshortcuts a").first.click()
    assert watched.violations() == []
    assert watched.visit(f"{live_server.url}/admin/people/person/add/") == []
    assert watched.visit(f"{live_server.url}/admin/axes/accesslog/") == []


def test_two_factor_setup_raises_no_violation(live_server, watched, editor_account):
    """The QR code is a data: image; the setup page needs nothing inline either."""
    editor_account.totpdevice_set.all().delete()
    page = watched.page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/two-factor/**")
    page.wait_for_load_state("networkidle")
    assert page.locator("img[src^='data:image/svg+xml']").evaluate("img => img.naturalWidth") > 0
    assert watched.violations() == []


def test_the_api_docs_work_under_the_policy(live_server, watched):
    """Swagger UI from the site's static files: it renders every operation, with no violation."""
    assert watched.visit(f"{live_server.url}/api/v1/docs/") == []
    watched.page.wait_for_selector(".opblock")
    assert watched.page.locator(".opblock").count() == 16
