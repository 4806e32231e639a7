"""Prints the user names the load run logs in as: BENCH_LOAD_USERS (40) caseworkers of the scale region,
busiest locations first."""

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.db.models import Count, Q  # noqa: E402

from opvang.constants import Role  # noqa: E402
from opvang.models import User  # noqa: E402

users = (
    User.objects.filter(role=Role.CASEWORKER, username__startswith="schaal.", is_active=True)
    .annotate(present=Count("locations__stays", filter=Q(locations__stays__left_on__isnull=True)))
    .order_by("-present", "username")
    .values_list("username", flat=True)[: int(os.environ.get("BENCH_LOAD_USERS", "40"))]
)
print(",".join(users))
