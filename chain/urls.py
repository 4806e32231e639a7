from django.urls import path

from . import views

app_name = "chain"

urlpatterns = [
    path("", views.consultation_list, name="consultation_list"),
    path("new/", views.consultation_create, name="consultation_create"),
    path("<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("household/<int:household_pk>/stuck/", views.stuck_mark, name="stuck_mark"),
    path("stuck/<int:pk>/resolve/", views.stuck_resolve, name="stuck_resolve"),
    path("household/<int:household_pk>/bring-in/", views.case_add, name="case_add"),
    path("cases/<int:pk>/decisions/add/", views.decision_add, name="decision_add"),
    path("decisions/<int:pk>/done/", views.decision_done, name="decision_done"),
]
