from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/export.<str:fmt>", views.incident_export, name="incident_export"),
    path("incidents/<slug:slug>/", views.incident_detail, name="incident_detail"),
]
