"""Test settings: base plus what makes the suite fast and hermetic."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-" + "x" * 60)
os.environ.setdefault("OPVANG_HTTPS", "false")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
OPVANG_REQUIRE_2FA = False
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tasks run in-process in tests even when CI points the broker at Redis; the one real-worker
# test (reports/tests/test_tasks.py, marked "worker") switches the app to the broker itself.
CELERY_TASK_ALWAYS_EAGER = True
# A second alias on the same server, as a replica would be (a test mirror of default), so the
# read-replica router is tested for real; off unless a test switches OPVANG_READ_REPLICA on.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["replica"] = {**DATABASES["default"], "ATOMIC_REQUESTS": False, "TEST": {"MIRROR": "default"}}  # noqa: F405
OPVANG_READ_REPLICA = False
