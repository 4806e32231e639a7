"""Opvang settings: one file, every deployment value read from the environment.

Production is this file plus environment variables (no production-only settings file).
Values that would be unsafe in production fail loudly instead of falling back silently.
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from opvang.schedule import BEAT_SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# An optional .env beside manage.py; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# --- Secret key -------------------------------------------------------------------------------
# A development key exists only for DEBUG. With DEBUG off the app refuses to start without a
# real secret, so a demo key can never end up in production.
_DEV_SECRET_KEY = "opvang-insecure-development-key-only-for-debug-never-for-production"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "opvang.apps.StaticFilesConfig",  # collectstatic leaves out maps and the unused DRF assets
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER = TemplatesSetting
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "opvang",
    "cases",
    "children",
    "plans",
    # Chain consultation about stuck households; between plans and reports (reports reads it).
    "chain",
    # Housing outflow (woonklaar, housing applications, quota): above the case file, below reports.
    "outflow",
    "reports",
    "privacy",
    "administration",
    # The read-only REST API (/api/v1/) and personal API tokens; a top layer like demo.
    "api",
    # Development data (seed_demo, seed_scale); the top layer, imported by no other app.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files leave here with their own (long) caching; everything below is dynamic.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Cache-Control: no-store on every dynamic response (pages, PDFs, exports hold personal data).
    "opvang.security.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends sessions of deactivated users and sessions older than the absolute lifetime, and
    # sends users who have not passed the second factor to it (opvang/security.py).
    "opvang.security.SessionSecurityMiddleware",
    "opvang.security.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during authentication into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "opvang.urls"
WSGI_APPLICATION = "opvang.wsgi.application"

# Form widgets render through the project's templates, so templates/django/forms/ can override
# Django's own (the select's options inline: issue 17).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "opvang.context_processors.navigation",
                "api.context_processors.api_links",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
# SQLite is the zero-setup default; PostgreSQL (psycopg 3) via DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # JIT compilation costs more than it saves on short OLTP queries: measured on the caseload
    # at 20 000 households, 185 ms of 244 ms was JIT emission (bench/RESULTS.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # A database host that does not answer costs a request a few seconds, not a hang (issue 18).
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
# A read replica (issue 17): the dashboard, report list and API read aggregates from it when
# DATABASE_REPLICA_URL is set (opvang/db_routers.py). No request transaction there: it only reads.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **DATABASES["default"],
        **env.db("DATABASE_REPLICA_URL"),
        "ATOMIC_REQUESTS": False,
        "TEST": {"MIRROR": "default"},
    }
OPVANG_READ_REPLICA = "replica" in DATABASES
DATABASE_ROUTERS = ["opvang.db_routers.ReadReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and authentication ----------------------------------------------------------------
AUTH_USER_MODEL = "opvang.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Axes first: it refuses locked-out username+IP pairs before a password is even checked.
# AxesStandaloneBackend has no get_user, so the test client's force_login (which takes the
# first backend that has one) and every session keep using ModelBackend, which also refuses
# inactive users.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "first_name", "last_name", "email")},
    },
    {"NAME": "opvang.security.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "opvang.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
]

# Brute force: 5 failures for one username from one IP address lock that pair for 15 minutes;
# every failure is kept (AccessFailureLog) and logged. The lockout page is the login page with
# one neutral message, the same for existing and unknown user names (no enumeration).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "opvang.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "opvang.security.client_ip"
AXES_VERBOSE = True
if AXES_COOLOFF_TIME < timedelta(minutes=15):
    raise ImproperlyConfigured("AXES_COOLOFF_MINUTES must be at least 15.")

# Second factor (TOTP + single-use backup codes). Issuer shown in the authenticator app.
OTP_TOTP_ISSUER = "Opvang"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One Dutch date convention: "3 december 2026" in text, "03-12-2026" in tables (opvang/formats/nl).
FORMAT_MODULE_PATH = ["opvang.formats"]

# --- Static files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development whitenoise serves straight from the source folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ----------------------------------------------------------------------------------
# HTTPS is assumed whenever DEBUG is off (behind a TLS-terminating reverse proxy);
# OPVANG_HTTPS=false is for a plain-HTTP test deployment only.
HTTPS = env.bool("OPVANG_HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# Reverse proxies in front of the app that append to X-Forwarded-For: the lockout counts the
# address the nearest trusted proxy saw, never one the client wrote itself (0: REMOTE_ADDR).
OPVANG_PROXY_COUNT = env.int("OPVANG_PROXY_COUNT", default=1 if HTTPS else 0)
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie (htmx gets the token from hx-headers in base.html).
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
X_FRAME_OPTIONS = "DENY"
# Idle timeout: the session is refreshed on every request and expires after 30 idle minutes.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Absolute lifetime: a session ends 12 hours after login, however active (opvang.security).
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)

# Content Security Policy (django-csp 4): no inline script or style, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# --- E-mail ------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
# A mail server that accepts the connection but never answers must not hold a worker for ever:
# the send fails after this many seconds and the task tries again later (RELIABILITY.md).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="opvang@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ------------------------------------------------------------------------------------
# Without a broker the app still works: tasks run eagerly, in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=env.str("REDIS_URL", default=""))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# Three queues, so that report building (CPU, minutes) and mail (waits on the mail server) can get
# workers of their own on other machines (`celery -A opvang worker -Q reports`). A worker started
# without -Q consumes all three, so one worker still runs everything (issue 17).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES: dict[str, dict] = {"celery": {}, "reports": {}, "mail": {}}
CELERY_TASK_ROUTES = {
    "reports.tasks.*": {"queue": "reports"},
    "opvang.tasks.send_mail": {"queue": "mail"},
    "administration.tasks.send_invitation": {"queue": "mail"},
}
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# An unacknowledged task (its worker died) is delivered again after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_BEAT_SCHEDULE = BEAT_SCHEDULE  # documented in the README

# --- Opvang ------------------------------------------------------------------------------------
# A child who has met more distinct professionals than this during one stay is flagged.
OPVANG_FACES_THRESHOLD = env.int("OPVANG_FACES_THRESHOLD", default=5)
# Retention (AVG, youth-care law): files are anonymised this many years after care ended.
OPVANG_RETENTION_YEARS_CHILD = env.int("OPVANG_RETENTION_YEARS_CHILD", default=20)
OPVANG_RETENTION_YEARS_ADULT = env.int("OPVANG_RETENTION_YEARS_ADULT", default=15)
OPVANG_REQUIRE_2FA = env.bool("OPVANG_REQUIRE_2FA", default=not DEBUG)

# --- REST API (/api/v1/, the api app) -----------------------------------------------------------
# Requests per user (all of their tokens together); more are answered 429 with Retry-After.
OPVANG_API_RATE = env.str("OPVANG_API_RATE", default="1000/hour")
REST_FRAMEWORK = {
    # Only personal API tokens: no session (and so no CSRF question), no basic auth.
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    # No ?format=: JSON is the only representation.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Opvang API",
    "DESCRIPTION": (
        "Read-only access to the published aggregates of Opvang: indicator definitions, report "
        "snapshots with their values per scope and period (small numbers suppressed as on the "
        "dashboard), shelter locations and the published parts of evaluation dossiers. No "
        "personal data. Every call needs a personal API token: `Authorization: Bearer <token>`."
    ),
    "VERSION": "1.0.0",  # api.constants.API_VERSION; a test keeps them equal
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_errors_and_version",
    ],
    "ENUM_NAME_OVERRIDES": {},
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Logging -----------------------------------------------------------------------------------
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
