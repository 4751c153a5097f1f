from django.contrib import admin
from django.urls import include, path

from casetracker import health, search_views, views

urlpatterns = [
    path("", views.home, name="home"),
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
