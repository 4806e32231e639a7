from django.urls import path

from . import views

app_name = "children"

urlpatterns = [
    path("<int:pk>/", views.child_detail, name="child_detail"),
    path("households/<int:pk>/add/", views.child_add, name="child_add"),
    path("<int:pk>/edit/", views.child_edit, name="child_edit"),
    path("<int:pk>/intake/", views.child_intake, name="child_intake"),
    path("<int:pk>/mentor/", views.child_mentor, name="child_mentor"),
    path("<int:pk>/voices/add/", views.child_voice_add, name="child_voice_add"),
    path("<int:pk>/referrals/add/", views.referral_add, name="referral_add"),
    path("referrals/<int:pk>/", views.referral_update, name="referral_update"),
    path("<int:pk>/veerkracht/start/", views.veerkracht_start, name="veerkracht_start"),
    path("<int:pk>/veerkracht/not-offered/", views.veerkracht_not_offered, name="veerkracht_not_offered"),
    path("veerkracht/<int:pk>/", views.veerkracht_update, name="veerkracht_update"),
    path("<int:pk>/meldcode/add/", views.meldcode_step_add, name="meldcode_step_add"),
    path("<int:pk>/safety/", views.safety_edit, name="safety_edit"),
    path("<int:pk>/involvements/add/", views.involvement_add, name="involvement_add"),
    path("adults/<int:pk>/involvements/", views.adult_involvements, name="adult_involvements"),
    path("involvements/<int:pk>/end/", views.involvement_end, name="involvement_end"),
]
