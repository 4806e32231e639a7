"""Access-matrix entries of the project-level pages: login, second factor, password, management."""

from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from opvang.models import User
from opvang.tests.factories import PASSWORD
from opvang.tests.matrix import Route
from opvang.twofactor.services import totp_device_start

# Everyone with an account: the staff roles and the participation council.
STAFF = frozenset(
    {
        "caseworker",
        "team_lead",
        "policy_officer",
        "contract_manager",
        "admin",
        "participation_council",
        "partner",
        "partner_no_consent",
        "partner_other_org",
    }
)
NEW_PASSWORD = "Een-nieuw-wachtwoord-voor-de-matrix-2026"


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def enrolment_code(c) -> dict:
    """A code of the authenticator the setup page has just started for this user."""
    return {"token": code_for(totp_device_start(user=c.user)) if c.user else "000000"}


def login_code(c) -> dict:
    """A code of a confirmed authenticator, made for this user just before the POST."""
    if c.user is None:
        return {"token": "000000"}
    return {"token": code_for(TOTPDevice.objects.create(user=c.user, name="Authenticator", confirmed=True))}


def code_accepted(c) -> bool:
    # django-otp remembers the time step of the last accepted code (against replay); -1 is none.
    return c.user is not None and TOTPDevice.objects.filter(user=c.user, confirmed=True, last_t__gte=0).exists()


ROUTES = [
    Route("home", roles=STAFF, get_ok=frozenset({302}), methods=("get",)),
    # Public pages: every role may post; the valid POST logs in (an inactive account stays out),
    # logs out, or switches the language.
    Route(
        "login",
        roles=frozenset(),
        public=True,
        post_data=lambda c: {"username": (c.user or c.world.colleague).username, "password": PASSWORD},
        effect=lambda c: c.response.wsgi_request.user.is_authenticated == (c.user is None or c.user.is_active),
    ),
    Route(
        "logout",
        roles=frozenset(),
        public=True,
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: not c.response.wsgi_request.user.is_authenticated,
    ),
    # Second factor (the test settings switch the requirement off; opvang/tests/test_security_2fa.py
    # covers it switched on). No device yet: verify sends to setup; setup shows the QR code. The
    # valid POSTs bring a code of the user's own authenticator.
    Route(
        "two_factor_verify",
        roles=STAFF,
        get_ok=frozenset({302}),
        post_ok=frozenset({302}),
        post_data=login_code,
        effect=code_accepted,
    ),
    Route(
        "two_factor_setup",
        roles=STAFF,
        post_ok=frozenset({302}),
        post_data=enrolment_code,
        effect=code_accepted,
    ),
    Route("two_factor_backup_codes", roles=STAFF, get_ok=frozenset({302}), methods=("get",)),
    Route(
        "set_language",
        roles=frozenset(),
        public=True,
        methods=("post",),
        post_data=lambda c: {"language": "en"},
        effect=lambda c: getattr(c.response.cookies.get(settings.LANGUAGE_COOKIE_NAME), "value", "") == "en",
    ),
    Route(
        "password_change",
        roles=STAFF,
        post_ok=frozenset({302}),
        post_data=lambda c: {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        effect=lambda c: c.user is not None and User.objects.get(pk=c.user.pk).check_password(NEW_PASSWORD),
    ),
    Route("password_change_done", roles=STAFF, methods=("get",)),
    Route("network:management", roles=frozenset({"admin"}), methods=("get",)),
    Route("network:audit_log", roles=frozenset({"admin"}), methods=("get",)),
]
