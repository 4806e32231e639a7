"""Housing outflow for policy officers and contract managers: quota use per corporation and
municipality, outflow per destination municipality, inflow per municipality of origin.

Only aggregates leave this module; every count below 5 is shown as "<5" (DOMAIN.md, small-cell
suppression), and no totals are shown beside suppressed cells (they would give them away).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet
from django.utils.translation import gettext as _

from cases.models import Stay
from outflow.constants import HousingOutcome
from outflow.models import HousingApplication, HousingQuota

from .constants import SUPPRESSION_THRESHOLD
from .indicators import CountRows
from .periods import Period, Scope


def shown(n: int) -> str:
    """A count as an aggregate page shows it: below 5 as "<5"."""
    return "<5" if n < SUPPRESSION_THRESHOLD else str(n)


@dataclass(frozen=True)
class CountRow:
    label: str
    n: int

    @property
    def value(self) -> str:
        return shown(self.n)


@dataclass(frozen=True)
class QuotaRow:
    municipality: str
    corporation: str
    homes: int
    used: int

    @property
    def used_shown(self) -> str:
        return shown(self.used)

    @property
    def remaining(self) -> str:
        """What is left of the quota; not shown where the use itself is suppressed."""
        return "–" if self.used < SUPPRESSION_THRESHOLD else str(self.homes - self.used)


def quota_use(year: int) -> list[QuotaRow]:
    """Each quota of the year with the homes used: applications with that corporation in that
    municipality whose outcome "offer accepted (housed)" is dated in that year. One query."""
    used = HousingApplication.objects.filter(
        corporation_id=OuterRef("corporation_id"),
        municipality__iexact=OuterRef("municipality"),
        outcome=HousingOutcome.HOUSED,
        outcome_on__year=OuterRef("year"),
    )
    quotas: QuerySet[HousingQuota] = (
        HousingQuota.objects.filter(year=year)
        .select_related("corporation")
        .annotate(used=CountRows(used.values("pk")))
        .order_by("municipality", "corporation__name")
    )
    return [QuotaRow(q.municipality, q.corporation.name, q.homes, q.used) for q in quotas]  # type: ignore[attr-defined]


def _rows(values: QuerySet, key: str) -> list[CountRow]:
    unknown = _("Unknown")
    return [CountRow(row[key] or unknown, row["n"]) for row in values]


def outflow_by_destination(scope: Scope, period: Period) -> list[CountRow]:
    """Stays at locations in scope that ended in the period, per destination municipality."""
    stays = Stay.objects.filter(location__in=scope.locations(), left_on__range=(period.start, period.end))
    values = (
        stays.order_by()
        .values("destination_municipality")
        .annotate(n=Count("pk"))
        .order_by("-n", "destination_municipality")
    )
    return _rows(values, "destination_municipality")


def inflow_by_origin(scope: Scope, period: Period) -> list[CountRow]:
    """Stays at locations in scope that began in the period, per municipality of origin of the household."""
    stays = Stay.objects.filter(location__in=scope.locations(), admitted_on__range=(period.start, period.end))
    values = (
        stays.order_by()
        .values("household__municipality_of_origin")
        .annotate(n=Count("pk"))
        .order_by("-n", "household__municipality_of_origin")
    )
    return _rows(values, "household__municipality_of_origin")


def outflow_overview(scope: Scope, period: Period) -> dict:
    return {
        "quota": quota_use(period.start.year),
        "outflow": outflow_by_destination(scope, period),
        "inflow": inflow_by_origin(scope, period),
    }
