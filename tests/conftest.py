"""Personas and shared fixtures: an anonymous reader, a researcher and an editor.

Editors must give a second factor in the admin (casetracker.two_factor), so the editor persona owns
a confirmed TOTP device and has confirmed this session with a code through the real two-factor
page, as a person would. ``totp_token(device)`` gives the device's current code.
"""

from collections.abc import Iterator

import pytest
from django.test import Client, override_settings

PASSWORD = "a-long-test-password"


def _staff_in(group_name: str, username: str):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def totp_token(device) -> str:
    """The code an authenticator app holding ``device``'s secret shows now."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def verify_second_factor(client: Client, device) -> None:
    """Confirm the logged-in session through /admin/two-factor/ with the device's current code.
    A code is accepted once; clearing ``last_t`` lets a test confirm a second session at once."""
    device.last_t = -1
    device.save(update_fields=["last_t"])
    response = client.post("/admin/two-factor/", {"token": totp_token(device), "next": "/admin/"})
    assert response.status_code == 302, response.content.decode()[:500]


@pytest.fixture
def reader() -> Client:
    return Client()


@pytest.fixture
def researcher_user(db):
    return _staff_in("Researcher", "researcher")


@pytest.fixture
def editor_user(db):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = _staff_in("Editor", "editor")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


@pytest.fixture
def researcher(researcher_user) -> Client:
    """A logged-in member of the Researcher group: adds and changes, cannot publish."""
    client = Client()
    client.force_login(researcher_user)
    return client


@pytest.fixture
def editor(editor_user) -> Client:
    """A logged-in member of the Editor group who has given a second factor: also publishes,
    unpublishes, reverts, deletes."""
    client = Client()
    client.force_login(editor_user)
    verify_second_factor(client, editor_user.totpdevice_set.get())
    return client


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher() -> Iterator[None]:
    """MD5 instead of PBKDF2 while the tests run: each persona's ``create_user`` cost half a second.
    Production keeps Django's default hashers (casetracker/settings.py sets none); logins with
    real passwords (test_login_security.py, the browser tests) hash and check with MD5 alike.
    ``override_settings`` sends ``setting_changed``, which empties Django's cache of hashers."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Tests see what the views do; tests/public/test_page_cache.py turns the cache on."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _default_language():
    """A request in Russian leaves Russian active in the thread; the next test starts afresh."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_api_throttle(settings):
    """Tests call the API as often as they need; tests/api/test_http.py turns the limit on."""
    settings.API_THROTTLE_RATE = ""
