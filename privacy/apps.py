from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy (AVG)")

    def ready(self) -> None:
        from opvang.audit import register_models

        register_models([("privacy", "DestructionRequest"), ("privacy", "Anonymisation")])
