from django.urls import path

from casetracker.site.people import views

app_name = "people"

urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/export.<str:fmt>", views.person_export, name="person_export"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organisations/", views.organization_list, name="organization_list"),
    path(
        "organisations/export.<str:fmt>",
        views.organization_export,
        name="organization_export",
    ),
    path("organisations/<slug:slug>/", views.organization_detail, name="organization_detail"),
]
