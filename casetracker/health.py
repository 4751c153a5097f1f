"""Liveness and readiness for load balancers, and a 503 page instead of a traceback when the
database is down."""

from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

UNAVAILABLE = (OperationalError, InterfaceError)


@never_cache
def livez(request: HttpRequest) -> HttpResponse:
    """The process answers. Touches nothing else: also the benchmarks' trivial view."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the app and its database work, 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection into a 503 page that asks readers to come back later."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, UNAVAILABLE):
            return None
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response
