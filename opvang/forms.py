from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # One answer for an unknown user, a wrong password and an inactive account: no enumeration.
    error_messages = {
        "invalid_login": _("Incorrect user name or password. Note that both fields are case-sensitive."),
        "inactive": _("Incorrect user name or password. Note that both fields are case-sensitive."),
    }
