from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdministrationConfig(AppConfig):
    """The functional administrator's pages and the team lead's staff page.

    A top-layer app (beside ``demo``): it administers the network of ``opvang`` and may ask
    ``cases`` whether files are still open, which ``opvang`` itself must not import.
    """

    name = "administration"
    verbose_name = _("Administration")

    def ready(self) -> None:
        from opvang.audit import register_models

        # The invitation hash is useless to a reader but is not worth keeping twice.
        register_models(
            [("administration", "Invitation"), ("administration", "AccountEvent")],
            excluded={"Invitation": ["token_hash"]},
        )
