from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("households/<int:pk>/", views.household_detail, name="household_detail"),
]
