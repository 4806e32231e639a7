from django.urls import path

from . import views

app_name = "api_ui"

urlpatterns = [
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("docs/", views.docs, name="docs"),
]
