from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("cases/", views.case_list, name="case_list"),
    path("cases/export.<str:fmt>", views.case_export, name="case_export"),
    path("cases/<slug:slug>/", views.case_detail, name="case_detail"),
    path("hearings/", views.hearing_list, name="hearing_list"),
    path("hearings/export.<str:fmt>", views.hearing_export, name="hearing_export"),
    # The numeric addresses hearings had before they had slugs: links to them still work.
    path("hearings/<int:pk>/", views.hearing_by_number, name="hearing_by_number"),
    path("hearings/<slug:slug>/", views.hearing_detail, name="hearing_detail"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
]
