"""The API's HTTP: ETags and 304s, CORS for reading, per-address throttling, docs under the CSP."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_response_has_an_etag_and_a_repeat_is_not_modified(reader):
    f.PersonFactory()
    url = reverse("api:person_list")
    first = reader.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    again = reader.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    f.PersonFactory()
    changed = reader.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.parametrize("method", ["get", "head"])
def test_any_origin_may_read_the_api(reader, method):
    response = getattr(reader, method)(
        reverse("api:case_list"), headers={"origin": "https://x.org"}
    )
    assert response["Access-Control-Allow-Origin"] == "*"
    missing = getattr(reader, method)(reverse("api:case_detail", args=["nope"]))
    assert missing["Access-Control-Allow-Origin"] == "*"


def test_cors_is_for_the_api_and_for_reading_only(reader):
    assert "Access-Control-Allow-Origin" not in reader.get(reverse("cases:case_list"))
    assert "Access-Control-Allow-Origin" not in reader.post(reverse("api:case_list"))


def test_anonymous_clients_are_throttled_per_address(settings):
    settings.API_THROTTLE_RATE = "3/m"
    cache.clear()
    url = reverse("api:source_list")
    one, other = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    assert [one.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert other.get(url).status_code == 200
    # A forged X-Forwarded-For does not make a new client without a proxy that sets it.
    assert one.get(url, headers={"x-forwarded-for": "198.51.100.7"}).status_code == 429


def test_the_docs_page_loads_its_scripts_from_the_site_under_the_csp(reader):
    response = reader.get(reverse("api:openapi-view"))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    body = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", body, flags=re.DOTALL)
    for attributes, content in scripts:
        # Either a file of the site's own, or data the page reads (not run: no inline code).
        assert 'src="/static/' in attributes or (
            'type="application/json"' in attributes and content.strip()
        ), attributes
    assert "cdn" not in body.lower()
