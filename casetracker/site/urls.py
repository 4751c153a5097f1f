from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from casetracker import health, two_factor
from casetracker.site import search_views, views
from casetracker.site.api.views import api
from casetracker.site.sitemaps import sitemaps

SITEMAPS = {"sitemaps": sitemaps()}

urlpatterns = [
    path("", views.home, name="home"),
    # Before the admin's own URLs, and open to staff who have not yet given their second factor.
    path("admin/two-factor/", two_factor.two_factor, name="two_factor"),
    path("admin/", admin.site.urls),
    path("livez", health.livez, name="livez"),
    path("healthz", health.healthz, name="healthz"),
    # Without a CSRF token: the form is on cached public pages shared by every anonymous reader,
    # and all a forged request can do is change the visitor's language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("search/", search_views.search, name="search"),
    path("api/v1/", api.urls),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_views.index, SITEMAPS, name="sitemap_index"),
    # The section view's name is the one the index looks its addresses up by.
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        SITEMAPS,
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("casetracker.site.shared_urls")),
    path("", include("casetracker.site.people.urls")),
    path("", include("cases.urls")),
    path("", include("events.urls")),
]
