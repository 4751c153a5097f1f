from django.contrib import admin
from django.urls import include, path

from casetracker import health, search_views, two_factor, views

urlpatterns = [
    path("", views.home, name="home"),
    # Before the admin's own URLs, and open to staff who have not yet given their second factor.
    path("admin/two-factor/", two_factor.two_factor, name="two_factor"),
    path("admin/", admin.site.urls),
    path("livez", health.livez, name="livez"),
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("search/", search_views.search, name="search"),
    path("", include("casetracker.site_urls")),
    path("", include("people.urls")),
    path("", include("cases.urls")),
    path("", include("events.urls")),
]
