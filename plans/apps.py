from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Gedragen plans")

    def ready(self) -> None:
        from opvang.audit import register_models

        register_models(
            [
                ("plans", "Plan"),
                ("plans", "PlanVersion"),
                ("plans", "Participant"),
                ("plans", "Agreement"),
                ("plans", "Goal"),
                ("plans", "Action"),
                ("plans", "CircleMeeting"),
            ]
        )
