"""Login throttling and its audit (django-axes), two-factor authentication in the admin
(django-otp), and the Content-Security-Policy header."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD, totp_token, verify_second_factor

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
)


def _log_in(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


# Content Security Policy


def _directives(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def test_public_page_has_the_strict_policy(reader):
    response = reader.get("/")
    assert response.status_code == 200
    assert _directives(response) == set(POLICY)
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_admin_has_the_same_policy(reader, editor):
    assert _directives(reader.get("/admin/login/")) == set(POLICY)
    response = editor.get("/admin/people/person/")
    assert response.status_code == 200
    assert _directives(response) == set(POLICY)


# Throttling and audit


def test_repeated_wrong_passwords_lock_the_account(researcher_user):
    client = Client()
    for _ in range(4):
        response = _log_in(client, "researcher", "not-the-password")
        assert response.status_code == 200  # the login form again, with its error
    response = _log_in(client, "researcher", "not-the-password")
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content
    # Locked: even the right password is refused now, with the same clear page, never a 500.
    response = _log_in(client, "researcher", PASSWORD)
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get(username="researcher")
    assert attempt.failures_since_start >= 5


def test_lockout_by_username_holds_from_another_address(researcher_user):
    for _ in range(5):
        _log_in(Client(REMOTE_ADDR="203.0.113.7"), "researcher", "wrong")
    response = _log_in(Client(REMOTE_ADDR="198.51.100.9"), "researcher", PASSWORD)
    assert response.status_code == 429


def test_successful_login_is_logged(researcher_user):
    client = Client(REMOTE_ADDR="192.0.2.10")
    response = _log_in(client, "researcher", PASSWORD)
    assert response.status_code == 302
    log = AccessLog.objects.get(username="researcher")
    assert log.ip_address == "192.0.2.10"
    assert log.attempt_time is not None


def test_failed_login_is_recorded(researcher_user):
    _log_in(Client(), "researcher", "wrong")
    assert AccessAttempt.objects.get(username="researcher").failures_since_start == 1


def test_editors_can_read_the_login_audit_researchers_cannot(editor, researcher):
    _log_in(Client(), "someone", "wrong")
    assert editor.get("/admin/axes/accessattempt/").status_code == 200
    assert editor.get("/admin/axes/accesslog/").status_code == 200
    assert researcher.get("/admin/axes/accessattempt/").status_code == 403
    editor_group = Group.objects.get(name="Editor")
    assert not editor_group.permissions.filter(
        content_type__app_label="axes", codename__startswith="delete_"
    ).exists()


# Two-factor authentication


def test_editor_without_a_second_factor_is_refused_the_admin(editor_user):
    client = Client()
    assert _log_in(client, "editor", PASSWORD).status_code == 302  # the password was right
    for path in ("/admin/", "/admin/people/person/", "/admin/people/person/add/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/two-factor/?next=")
    assert client.post("/admin/people/person/add/", {"name": "X"}).status_code == 302


def test_editor_with_a_code_gets_in(editor_user):
    client = Client()
    _log_in(client, "editor", PASSWORD)
    device = editor_user.totpdevice_set.get()
    response = client.post(
        "/admin/two-factor/", {"token": totp_token(device), "next": "/admin/people/person/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/people/person/"
    assert client.get("/admin/people/person/").status_code == 200


def test_wrong_code_is_refused(editor_user):
    client = Client()
    _log_in(client, "editor", PASSWORD)
    device = editor_user.totpdevice_set.get()
    wrong = f"{(int(totp_token(device)) + 1) % 1_000_000:06d}"
    response = client.post("/admin/two-factor/", {"token": wrong, "next": "/admin/"})
    assert response.status_code == 200
    assert b"That code is not right" in response.content
    assert client.get("/admin/").status_code == 302


def test_a_code_from_elsewhere_does_not_count(editor_user):
    """The next address must stay on this site."""
    client = Client()
    _log_in(client, "editor", PASSWORD)
    device = editor_user.totpdevice_set.get()
    response = client.post(
        "/admin/two-factor/", {"token": totp_token(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_new_editor_sets_up_a_device_with_a_qr_code():
    from tests.conftest import _staff_in

    user = _staff_in("Editor", "new-editor")
    client = Client()
    client.force_login(user)
    response = client.get("/admin/two-factor/?next=/admin/")
    assert response.status_code == 200
    assert b'src="data:image/svg+xml;base64,' in response.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/admin/two-factor/", {"token": totp_token(device), "next": "/admin/"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_researcher_needs_no_second_factor_until_they_set_one_up(researcher_user, researcher):
    assert researcher.get("/admin/").status_code == 200
    device = TOTPDevice.objects.create(user=researcher_user, name="phone", confirmed=True)
    fresh = Client()
    fresh.force_login(researcher_user)
    assert fresh.get("/admin/").status_code == 302
    verify_second_factor(fresh, device)
    assert fresh.get("/admin/").status_code == 200


def test_superuser_needs_a_second_factor(db):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(("debug", "skipped"), [(True, True), (False, False)])
def test_the_local_development_switch_skips_the_second_factor_only_with_debug_on(
    db, settings, debug, skipped
):
    from django.contrib.auth.models import User

    settings.SKIP_SECOND_FACTOR = True
    settings.DEBUG = debug
    admin = User.objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/").status_code == (200 if skipped else 302)


def test_two_factor_page_is_for_staff_only(reader, db):
    from django.contrib.auth.models import User

    response = reader.get("/admin/two-factor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    member = User.objects.create_user("member", password=PASSWORD)
    client = Client()
    client.force_login(member)
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.exists()
