"""The project-level public pages, under the ``casetracker`` namespace."""

from django.urls import path

from casetracker.site import about, feeds, views

app_name = "casetracker"

urlpatterns = [
    path("about/", about.about, name="about"),
    path("about/data/", about.data_dictionary, name="data_dictionary"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/export.<str:fmt>", views.source_export, name="source_export"),
    path("sources/<slug:key>/", views.source_detail, name="source_detail"),
    path("places/<slug:slug>/", views.place_detail, name="place_detail"),
    path("feed/", feeds.NewlyPublished(), name="feed"),
]
