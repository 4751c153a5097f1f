"""Headers of the API's answers: an ETag, so clients revalidate instead of downloading again,
and CORS for reading, so any web page may fetch the public records."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.utils.cache import get_conditional_response, set_response_etag

API_ROOT = reverse_lazy("api:api-root")
READS = ("GET", "HEAD")


class ApiHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(str(API_ROOT)) or request.method not in READS:
            return response
        response["Access-Control-Allow-Origin"] = "*"
        if response.status_code != 200 or response.streaming:
            return response
        set_response_etag(response)
        # A 304 when the client's If-None-Match holds this ETag, else the response itself.
        etag = response["ETag"]
        conditional = get_conditional_response(request, etag=etag, response=response) or response
        conditional["Access-Control-Allow-Origin"] = "*"
        return conditional
