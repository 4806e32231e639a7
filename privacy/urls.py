"""AVG rights and the NEN 7513 access history (mounted under /network/privacy/)."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns: list = [
    path("log/", views.access_log_search, name="access_log_search"),
    path("households/<int:pk>/history/", views.access_history, name="access_history"),
    path("households/<int:pk>/history.pdf", views.access_history_pdf, name="access_history_pdf"),
    path("households/<int:pk>/export/", views.household_export, name="household_export"),
    path("households/<int:pk>/destruction/", views.destruction_request_record, name="destruction_request_record"),
    path("destruction/", views.destruction_request_list, name="destruction_request_list"),
    path("destruction/<int:pk>/decide/", views.destruction_request_decide, name="destruction_request_decide"),
    path("destruction/<int:pk>/execute/", views.destruction_request_execute, name="destruction_request_execute"),
]
