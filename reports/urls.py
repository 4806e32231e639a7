from django.urls import path

from . import meeting_views, policy_views, stuck_views, survey_views, views

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("definitions/", views.definitions, name="definitions"),
    path("", views.report_list, name="report_list"),
    path("generate/", views.report_generate, name="report_generate"),
    path("<int:pk>/", views.snapshot_detail, name="snapshot_detail"),
    path("<int:pk>/status/", views.snapshot_status, name="snapshot_status"),
    path("<int:pk>/pdf/", views.snapshot_pdf, name="snapshot_pdf"),
    path("<int:pk>/csv/", views.snapshot_csv, name="snapshot_csv"),
    path("<int:pk>/xlsx/", views.snapshot_xlsx, name="snapshot_xlsx"),
    path("outflow/", policy_views.outflow_overview, name="outflow_overview"),
    path("suspensions/", policy_views.suspension_evaluation, name="suspension_evaluation"),
    path("suspensions/pdf/", policy_views.suspension_evaluation_pdf, name="suspension_evaluation_pdf"),
    path("stuck/", stuck_views.stuck_region_view, name="stuck_region"),
    path("targets/", views.target_list, name="target_list"),
    path("targets/new/", views.target_add, name="target_add"),
    path("surveys/tablets/", survey_views.kiosk_list, name="survey_kiosks"),
    path("surveys/link/", survey_views.link_create, name="survey_link_create"),
    path("surveys/texts/", survey_views.text_list, name="survey_texts"),
    path("surveys/texts/<int:pk>/review/", survey_views.text_review, name="survey_text_review"),
    path("advice/", survey_views.advice_list, name="advice_list"),
    path("advice/new/", survey_views.advice_add, name="advice_add"),
    path("advice/<int:pk>/", survey_views.advice_detail, name="advice_detail"),
    path("advice/<int:pk>/follow-up/", survey_views.advice_follow_up_add, name="advice_follow_up_add"),
    path("account-meetings/", meeting_views.meeting_list, name="meeting_list"),
    path("account-meetings/new/", meeting_views.meeting_add, name="meeting_add"),
    path("account-meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("account-meetings/<int:pk>/edit/", meeting_views.meeting_edit, name="meeting_edit"),
    path("account-meetings/<int:pk>/agreements/", meeting_views.agreement_add, name="agreement_add"),
    path(
        "account-meetings/<int:pk>/agreements/<int:agreement_pk>/status/",
        meeting_views.agreement_status,
        name="agreement_status",
    ),
    path("dossiers/", views.dossier_list, name="dossier_list"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:pk>/edit/", views.dossier_edit, name="dossier_edit"),
    path("dossiers/<int:pk>/final/", views.dossier_finalise, name="dossier_finalise"),
    path("dossiers/<int:pk>/publish/", views.dossier_publish, name="dossier_publish"),
    path("dossiers/<int:pk>/pdf/", views.dossier_pdf, name="dossier_pdf"),
    path("dossiers/<int:pk>/points/", views.improvement_point_add, name="improvement_point_add"),
    path(
        "dossiers/<int:pk>/points/<int:point_pk>/status/",
        views.improvement_point_status,
        name="improvement_point_status",
    ),
    path("dossiers/<int:pk>/actions/", views.follow_up_action_add, name="follow_up_action_add"),
    path(
        "dossiers/<int:pk>/actions/<int:action_pk>/delete/",
        views.follow_up_action_delete,
        name="follow_up_action_delete",
    ),
]
