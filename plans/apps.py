from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Gedragen plans")

    def ready(self) -> None:
        from cases import extensions
        from opvang.audit import register_models

        from . import selectors, services

        # What plans add to the case file's pages: the plan card and the caseload's plan signals.
        extensions.household_panel(
            extensions.HouseholdPanel("plan", slot="aside", template="plans/_household_plan_card.html", order=10)
        )
        for signal in selectors.CASELOAD_SIGNALS:
            extensions.caseload_signal(signal)
        # A case note may name the goals of the household's current plan version.
        extensions.note_goals(selectors.goals_for_case_notes)
        # A handover that ends in an admission carries the plan over with the new mentor.
        extensions.after_handover_admission("plan", services.plan_handover_continue, order=20)

        register_models(
            [
                ("plans", "Plan"),
                ("plans", "PlanVersion"),
                ("plans", "Participant"),
                ("plans", "Agreement"),
                ("plans", "Goal"),
                ("plans", "Action"),
                ("plans", "CircleMeeting"),
                ("plans", "PlanConsent"),
                ("plans", "ActionComment"),
            ]
        )
