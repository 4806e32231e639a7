from django.urls import path

from . import views

app_name = "administration"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/deactivate/", views.organisation_deactivate, name="organisation_deactivate"),
    path("organisations/<int:pk>/reactivate/", views.organisation_reactivate, name="organisation_reactivate"),
    path("locations/", views.location_list, name="location_list"),
    path("locations/new/", views.location_create, name="location_create"),
    path("locations/<int:pk>/", views.location_edit, name="location_edit"),
    path("locations/<int:pk>/capacity/", views.location_capacity, name="location_capacity"),
    path("locations/<int:pk>/deactivate/", views.location_deactivate, name="location_deactivate"),
    path("locations/<int:pk>/reactivate/", views.location_reactivate, name="location_reactivate"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_invite, name="staff_invite"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/invite/", views.staff_reinvite, name="staff_reinvite"),
    path("staff/<int:pk>/deactivate/", views.staff_deactivate, name="staff_deactivate"),
    path("staff/<int:pk>/reactivate/", views.staff_reactivate, name="staff_reactivate"),
    path("staff/<int:pk>/second-factor/", views.staff_second_factor_reset, name="staff_second_factor_reset"),
    path("staff/<int:pk>/unlock/", views.staff_lockout_lift, name="staff_lockout_lift"),
    path("team/", views.team_staff, name="team_staff"),
    path("team/<int:pk>/training/", views.training_add, name="training_add"),
    path("team/<int:pk>/qualification/", views.qualification_add, name="qualification_add"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
