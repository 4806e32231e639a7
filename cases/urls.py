from django.urls import path

from . import note_views, support_views, views

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("handovers/", views.handover_list, name="handover_list"),
    path("handovers/<int:pk>/", views.handover_detail, name="handover_detail"),
    path("handovers/<int:pk>/accept/", views.handover_accept, name="handover_accept"),
    path("handovers/<int:pk>/reject/", views.handover_reject, name="handover_reject"),
    path("handovers/<int:pk>/complete/", views.handover_complete, name="handover_complete"),
    path("handovers/<int:pk>/revoke/", views.handover_revoke, name="handover_revoke"),
    path("handovers/<int:pk>/admit/", views.handover_admit, name="handover_admit"),
    path("households/search/", views.household_search, name="household_search"),
    path("households/new/", views.household_register, name="household_register"),
    path("households/<int:pk>/", views.household_detail, name="household_detail"),
    path("households/<int:pk>/edit/", views.household_edit, name="household_edit"),
    path("households/<int:pk>/close/", views.household_close, name="household_close"),
    path("households/<int:pk>/adults/new/", views.adult_add, name="adult_add"),
    path("households/<int:pk>/adults/<int:adult_pk>/edit/", views.adult_edit, name="adult_edit"),
    path("households/<int:pk>/applications/new/", views.application_add, name="application_add"),
    path(
        "households/<int:pk>/applications/<int:application_pk>/decide/",
        views.application_decide,
        name="application_decide",
    ),
    path("households/<int:pk>/admit/", views.household_admit, name="household_admit"),
    path(
        "households/<int:pk>/beschikkingen/<int:beschikking_pk>/extend/",
        views.beschikking_extend,
        name="beschikking_extend",
    ),
    path("households/<int:pk>/stays/<int:stay_pk>/outflow/", views.stay_plan_outflow, name="stay_plan_outflow"),
    path("households/<int:pk>/stays/<int:stay_pk>/end/", views.stay_end, name="stay_end"),
    path("households/<int:pk>/handovers/new/", views.handover_propose, name="handover_propose"),
    path("households/<int:pk>/suspensions/new/", views.suspension_record, name="suspension_record"),
    path(
        "households/<int:pk>/suspensions/<int:suspension_pk>/",
        views.suspension_update,
        name="suspension_update",
    ),
    path("households/<int:pk>/aftercare/new/", views.aftercare_record, name="aftercare_record"),
    path("households/<int:pk>/zrm/new/", views.zrm_record, name="zrm_record"),
    path(
        "households/<int:pk>/psych-referrals/new/",
        support_views.psych_referral_add,
        name="psych_referral_add",
    ),
    path("psych-referrals/<int:pk>/edit/", support_views.psych_referral_edit, name="psych_referral_edit"),
    path("households/<int:pk>/notes/", note_views.household_notes, name="household_notes"),
    path("households/<int:pk>/notes/new/", note_views.note_add, name="note_add"),
    path("households/<int:pk>/notes/<int:note_pk>/edit/", note_views.note_edit, name="note_edit"),
    path("households/<int:pk>/notes/<int:note_pk>/correct/", note_views.note_correct, name="note_correct"),
    path(
        "households/<int:pk>/follow-ups/<int:follow_up_pk>/done/",
        note_views.follow_up_done,
        name="follow_up_done",
    ),
    path(
        "households/<int:pk>/follow-ups/<int:follow_up_pk>/reopen/",
        note_views.follow_up_reopen,
        name="follow_up_reopen",
    ),
]
