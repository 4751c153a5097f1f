"""Two-factor authentication for the admin (django-otp, TOTP authenticator apps).

The rule: a staff member who is an editor or a superuser, or who has set up an authenticator, must
confirm a one-time code in this session before any admin page answers. Researchers may set one up
(and from then on it is required for them too). Everyone else is sent to ``two_factor``: it
verifies a code, or first shows the QR code of a new device and confirms it with a code.

Wrong codes are throttled by django-otp (each failure doubles the wait before the next try), and a
code is accepted once only.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.admin import site
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from casetracker.roles import EDITOR_GROUP


def second_factor_required(user: Any) -> bool:
    """True for staff who may not use the admin on a password alone."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return (
        user.is_superuser
        or user.groups.filter(name=EDITOR_GROUP).exists()
        or user_has_device(user, confirmed=True)
    )


class RequireSecondFactorMiddleware:
    """Sends staff who need a second factor and have not given one in this session to
    ``two_factor``, from every admin URL but the login, the logout and that page itself.
    Goes after django_otp.middleware.OTPMiddleware, which adds ``user.is_verified()``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_verify(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('two_factor')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _must_verify(request: HttpRequest) -> bool:
        if settings.DEBUG and settings.SKIP_SECOND_FACTOR:
            return False
        admin_root = reverse("admin:index")
        if not request.path.startswith(admin_root):
            return False
        open_paths = {reverse("admin:login"), reverse("admin:logout"), reverse("two_factor")}
        if request.path in open_paths:
            return False
        user: Any = request.user
        # is_verified() first: for a confirmed session it is the one extra query (the device).
        return user.is_authenticated and not user.is_verified() and second_factor_required(user)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _qr_data_uri(url: str) -> str:
    """The provisioning URL as an SVG QR code in a data: URI (no inline markup, CSP allows it)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


@login_required(login_url="admin:login")
def two_factor(request: HttpRequest) -> HttpResponse:
    """Verify a code from the user's authenticator, or set one up first."""
    user: Any = request.user
    if not user.is_staff:
        return redirect("admin:login")
    next_url = _next_url(request)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setting_up = device is None
    if device is None:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(next_url)
        form.add_error("token", _("That code is not right, or it was already used. Try again."))
    context = {
        **site.each_context(request),
        "title": _("Set up two-factor authentication") if setting_up else _("Two-factor check"),
        "form": form,
        "next": next_url,
        "setting_up": setting_up,
        "verified": user.is_verified(),
        "required": second_factor_required(user),
    }
    if setting_up:
        context["qr_code"] = _qr_data_uri(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode("ascii")
    return render(request, "admin/two_factor.html", context, status=200)
