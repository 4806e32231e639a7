from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Case files")

    def ready(self) -> None:
        from . import extensions, selectors

        for signal in selectors.CASELOAD_SIGNALS:
            extensions.caseload_signal(signal)
