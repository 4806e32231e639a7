"""The Celery beat schedule (times in Europe/Amsterdam). Documented in the README."""

BEAT_SCHEDULE: dict[str, dict] = {}
