from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.management, name="management"),
    path("audit/", views.audit_log, name="audit_log"),
]
