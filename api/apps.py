from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from opvang.audit import register_models

        register_models([("api", "ApiToken")])
        # Registers the token's security scheme with drf-spectacular.
        from . import schema  # noqa: F401
