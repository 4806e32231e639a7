"""The experience survey without an account (mounted under /ervaring/, namespace 'survey')."""

from django.urls import path

from . import survey_views as views

app_name = "survey"

urlpatterns = [
    path("tablet/<str:token>/", views.kiosk, name="kiosk"),
    path("link/<str:token>/", views.link, name="link"),
]
