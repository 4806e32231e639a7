from django.urls import path

from . import views

app_name = "outflow"

urlpatterns = [
    path("households/<int:pk>/ready/", views.ready_to_move, name="ready_to_move"),
    path("households/<int:pk>/applications/new/", views.housing_application_add, name="housing_application_add"),
    path(
        "households/<int:pk>/applications/<int:application_pk>/",
        views.housing_application_edit,
        name="housing_application_edit",
    ),
    path("quota/", views.quota_set, name="quota_set"),
    path("households/<int:pk>/aftercare/plan/", views.aftercare_plan, name="aftercare_plan"),
    path("households/<int:pk>/aftercare/contacts/new/", views.aftercare_contact_add, name="aftercare_contact_add"),
    path("households/<int:pk>/safety-checks/<int:months>/", views.safety_check, name="safety_check"),
]
