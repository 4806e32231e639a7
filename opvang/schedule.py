"""The Celery beat schedule (times in Europe/Amsterdam). Documented in the README."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict] = {
    # The transactional outbox: work queued while the broker was down is published when it is back.
    "opvang-outbox-sweep": {
        "task": "opvang.tasks.outbox_sweep",
        "schedule": 60.0,
    },
    # No orphan pending reports: one whose build was never queued or got lost is queued again.
    "reports-requeue-orphan-snapshots": {
        "task": "reports.tasks.requeue_orphan_snapshots",
        "schedule": 300.0,
    },
    "reports-daily-caseload-digest": {
        "task": "reports.tasks.daily_caseload_digest",
        "schedule": crontab(hour=6, minute=30),
    },
    "reports-monthly-location-snapshots": {
        "task": "reports.tasks.monthly_location_snapshots",
        "schedule": crontab(day_of_month=1, hour=2, minute=0),
    },
    "reports-replace-provisional-snapshots": {
        "task": "reports.tasks.replace_provisional_snapshots",
        "schedule": crontab(hour=2, minute=30),
    },
    "reports-quarterly-reports": {
        "task": "reports.tasks.quarterly_reports",
        "schedule": crontab(day_of_month=2, month_of_year="1,4,7,10", hour=3, minute=0),
    },
    "reports-evaluation-dossiers": {
        "task": "reports.tasks.evaluation_dossiers",
        "schedule": crontab(day_of_month=1, month_of_year=4, hour=4, minute=0),
    },
    # AVG retention: anonymise closed files whose retention period has ended.
    "privacy-anonymise-due-files": {
        "task": "privacy.tasks.anonymise_due_files",
        "schedule": crontab(hour=3, minute=30),
    },
}
