from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from opvang.audit import register_models

        # Creating and revoking a token is logged; its hash and each use's timestamp are not (each
        # use is an access-log entry of its own, written by the API views).
        register_models([("api", "ApiToken")], excluded={"ApiToken": ["key_hash", "last_used_at"]})
        # Registers the token's security scheme with drf-spectacular.
        from . import schema  # noqa: F401
