from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Case files")

    def ready(self) -> None:
        from . import extensions, selectors

        for signal in selectors.CASELOAD_SIGNALS:
            extensions.caseload_signal(signal)

        from opvang.audit import register_models

        register_models(
            [
                ("cases", "Household"),
                ("cases", "AdultClient"),
                ("cases", "Application"),
                ("cases", "Stay"),
                ("cases", "Beschikking"),
                ("cases", "BeschikkingExtension"),
                ("cases", "Handover"),
                ("cases", "Involvement"),
                ("cases", "Suspension"),
                ("cases", "SuspendedChild"),
                ("cases", "AftercareContact"),
                ("cases", "ZrmAssessment"),
                ("cases", "ZrmScore"),
                ("cases", "CaseNote"),
                ("cases", "FollowUp"),
                ("cases", "PsychSupportReferral"),
            ],
            masked={
                "AdultClient": ["first_name", "last_name", "bsn", "phone", "email"],
                "Household": ["safety_threat", "safety_notes"],
                "CaseNote": ["text"],
                "FollowUp": ["what"],
                # Care information: why someone was referred and how it went stays out of the log.
                "PsychSupportReferral": ["reason", "notes"],
            },
        )
