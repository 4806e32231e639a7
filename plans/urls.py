from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("household/<int:household_pk>/start/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/versions/<int:number>/", views.plan_detail, name="plan_version"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/agree/", views.plan_agree, name="plan_agree"),
    path("<int:pk>/review/", views.plan_review, name="plan_review"),
    path("<int:pk>/close/", views.plan_close, name="plan_close"),
    path("<int:pk>/history/", views.plan_history, name="plan_history"),
    path("<int:pk>/versions/<int:number>/changes/", views.plan_diff, name="plan_diff"),
    path("<int:pk>/print/", views.plan_pdf, name="plan_pdf"),
    path("<int:pk>/children/<int:child_pk>/my-plan/", views.child_plan_pdf, name="child_plan_pdf"),
    path("<int:pk>/goals/add/", views.goal_add, name="goal_add"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/progress/", views.goal_progress, name="goal_progress"),
    path("goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
    path("goals/<int:goal_pk>/actions/add/", views.action_add, name="action_add"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
    path("<int:pk>/circle/", views.plan_circle, name="plan_circle"),
    path("<int:pk>/circle/add/", views.participant_add, name="participant_add"),
    path("participants/<int:pk>/edit/", views.participant_edit, name="participant_edit"),
    path("participants/<int:pk>/delete/", views.participant_delete, name="participant_delete"),
    path("participants/<int:pk>/agreement/", views.agreement_record, name="agreement_record"),
    path("<int:pk>/meetings/add/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/consent/", views.consent_list, name="consent_list"),
    path("<int:pk>/consent/add/", views.consent_add, name="consent_add"),
    path("consent/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    # Chain partners: their own start page and the plans they take part in (plans.access).
    path("partner/", views.partner_home, name="partner_home"),
    path("partner/<int:pk>/", views.partner_plan, name="partner_plan"),
    path("partner/<int:pk>/agreement/", views.partner_agreement, name="partner_agreement"),
    path("partner/actions/<int:pk>/done/", views.partner_action_done, name="partner_action_done"),
    path("partner/actions/<int:pk>/comment/", views.partner_action_comment, name="partner_action_comment"),
]
