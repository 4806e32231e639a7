from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from opvang.audit import register_models

        from .models import ReportSnapshot

        register_models(
            [
                ("reports", "EvaluationDossier"),
                ("reports", "ImprovementPoint"),
                ("reports", "FollowUpAction"),
                ("reports", "DossierParticipant"),
                ("reports", "DossierComment"),
            ]
        )
        register_models([("reports", "AccountMeeting"), ("reports", "AccountAgreement")])
        # Snapshots are logged without their bulky payload (the PDF bytes and value tables).
        if not auditlog.contains(ReportSnapshot):
            auditlog.register(ReportSnapshot, exclude_fields=["pdf", "values", "previous_values", "trend", "progress"])
