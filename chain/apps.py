from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainConfig(AppConfig):
    """Chain consultation (ketenoverleg) about stuck households.

    Between ``plans`` and ``reports`` (beside ``outflow``): it builds on the case file, and
    ``reports`` reads it (the region's stuck figures, the indicators, the daily digest's
    decisions), as it reads case notes' follow-ups from ``cases``.
    """

    name = "chain"
    verbose_name = _("Chain consultation")

    def ready(self) -> None:
        from cases import extensions
        from opvang.audit import register_models

        from . import selectors

        # What the chain adds to the case file: the stuck card, the caseload's signals and the
        # owner's open decisions above the caseload.
        extensions.household_panel(
            extensions.HouseholdPanel(
                "chain",
                slot="aside",
                template="chain/_household_stuck_card.html",
                order=20,
                context=selectors.household_panel_context,
            )
        )
        for signal in selectors.CASELOAD_SIGNALS:
            extensions.caseload_signal(signal)
        extensions.caseload_panel(
            extensions.CaseloadPanel(
                "chain_decisions",
                template="chain/_caseload_decisions.html",
                order=10,
                context=selectors.caseload_panel_context,
            )
        )

        register_models(
            [
                ("chain", "StuckMark"),
                ("chain", "ChainConsultation"),
                ("chain", "ConsultationCase"),
                ("chain", "Decision"),
            ]
        )
