from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutflowConfig(AppConfig):
    name = "outflow"
    verbose_name = _("Housing outflow")

    def ready(self) -> None:
        # What housing outflow adds to the case file's pages (cases.extensions).
        from cases import extensions
        from opvang.audit import register_models

        from . import selectors

        extensions.household_panel(
            extensions.HouseholdPanel(
                "housing",
                slot="aside",
                template="outflow/_household_housing.html",
                order=20,
                context=selectors.household_panel_context,
            )
        )
        extensions.household_panel(
            extensions.HouseholdPanel(
                "aftercare",
                slot="main",
                template="outflow/_household_aftercare.html",
                order=30,
                context=selectors.aftercare_panel_context,
            )
        )
        extensions.household_panel(
            extensions.HouseholdPanel(
                "trajectories",
                slot="aside",
                template="outflow/_household_trajectories.html",
                order=21,
                context=selectors.trajectory_panel_context,
            )
        )
        for signal in selectors.CASELOAD_SIGNALS:
            extensions.caseload_signal(signal)
        register_models(
            [
                ("outflow", "ReadyToMove"),
                ("outflow", "HousingApplication"),
                ("outflow", "HousingQuota"),
                ("outflow", "AftercarePlan"),
                ("outflow", "SafetyCheck"),
                ("outflow", "SafetyCheckChild"),
                ("outflow", "Trajectory"),
                ("outflow", "TrajectoryGoal"),
                ("outflow", "TrajectoryAction"),
                ("outflow", "Pilot"),
                ("outflow", "PilotMember"),
            ],
            # The safety checks are restricted like the file's safety section: their content is masked.
            masked={
                "SafetyCheck": ["risk_level", "incidents", "incidents_notes", "follow_up"],
                "SafetyCheckChild": ["safety"],
            },
        )
