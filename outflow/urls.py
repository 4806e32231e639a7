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
    path("households/<int:pk>/trajectories/new/", views.trajectory_start, name="trajectory_start"),
    path("households/<int:pk>/pilots/", views.pilot_member_add, name="pilot_member_add"),
    path("trajectories/", views.my_trajectories, name="my_trajectories"),
    path("trajectories/<int:pk>/", views.trajectory_detail, name="trajectory_detail"),
    path("trajectories/<int:pk>/edit/", views.trajectory_edit, name="trajectory_edit"),
    path("trajectories/<int:pk>/end/", views.trajectory_end, name="trajectory_end"),
    path("trajectories/<int:pk>/goals/new/", views.trajectory_goal_add, name="trajectory_goal_add"),
    path(
        "trajectories/<int:pk>/goals/<int:goal_pk>/status/", views.trajectory_goal_status, name="trajectory_goal_status"
    ),
    path("trajectories/<int:pk>/actions/new/", views.trajectory_action_add, name="trajectory_action_add"),
    path(
        "trajectories/<int:pk>/actions/<int:action_pk>/status/",
        views.trajectory_action_status,
        name="trajectory_action_status",
    ),
    path("pilots/new/", views.pilot_add, name="pilot_add"),
]
