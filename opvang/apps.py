from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig
from django.utils.translation import gettext_lazy as _


class OpvangConfig(AppConfig):
    # This module holds a second AppConfig (below): without ``default`` Django would pick neither
    # for "opvang" in INSTALLED_APPS, and ready() (the audit registrations) would never run.
    default = True
    name = "opvang"
    verbose_name = _("Shelter network")

    def ready(self) -> None:
        from .audit import register_models

        register_models(
            [
                ("opvang", "Organisation"),
                ("opvang", "Location"),
                ("opvang", "User"),
                ("opvang", "TrainingRecord"),
                ("opvang", "Qualification"),
                ("opvang", "LocationCapacity"),
                ("opvang", "StaffAssignment"),
            ],
            # A location's address may be secret: administrators read the log but may not see it.
            masked={"User": ["password"], "Location": ["address"]},
            excluded={"User": ["last_login", "session_epoch"]},
        )


class StaticFilesConfig(BaseStaticFilesConfig):
    """collectstatic without what production never serves: source maps, and the REST framework's
    browsable-API assets (the API renders JSON only; its docs page uses the vendored Swagger UI)."""

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "*.map", "rest_framework"]
