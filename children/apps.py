from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildrenConfig(AppConfig):
    name = "children"
    verbose_name = _("Children")

    def ready(self) -> None:
        # What the children add to the case file's pages (cases.extensions).
        from cases import extensions

        from . import selectors, services

        extensions.household_panel(
            extensions.HouseholdPanel(
                "children",
                slot="main",
                template="children/_household_children.html",
                order=10,
                context=selectors.household_panel_context,
            )
        )
        # A handover carries each child's latest words to the receiving side.
        extensions.handover_panel(
            extensions.HandoverPanel(
                "child_voices",
                template="children/_handover_voices.html",
                order=10,
                context=selectors.handover_panel_context,
            )
        )
        for signal in selectors.CASELOAD_SIGNALS:
            extensions.caseload_signal(signal)
        extensions.child_intake(services.child_register)
        # The receiving professional of a handover is a new face for each child (an involvement).
        extensions.after_handover_admission("child_involvements", services.handover_involvements, order=10)

        from opvang.audit import register_models

        register_models(
            [
                ("children", "Child"),
                ("children", "ChildVoice"),
                ("children", "YouthCareReferral"),
                ("children", "VeerkrachtTrack"),
                ("children", "MeldcodeStepRecord"),
                ("children", "ChildIntake"),
            ],
            masked={
                "Child": ["first_name", "last_name", "bsn", "protection_concerns", "support_notes"],
                "ChildVoice": ["wishes", "worries"],
                "MeldcodeStepRecord": ["notes"],
                "ChildIntake": [
                    "own_words",
                    "observation",
                    "answers",
                    "consent",
                    "needs",
                    "school_contact",
                    "school_notes",
                    "gp",
                    "health",
                    "custody_notes",
                    "other_parent_notes",
                    "safety_assessment",
                ],
            },
        )
