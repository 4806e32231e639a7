"""Tokens and published aggregates for the API tests."""

from __future__ import annotations

import datetime
import secrets

from django.utils import timezone

from api.models import ApiToken
from api.services import hash_key
from opvang.models import Location, Organisation, User
from reports.constants import DossierStatus, PeriodKind, ScopeKind, SnapshotStatus
from reports.models import EvaluationDossier, ReportSnapshot

Q1 = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))


def token_for(user: User, name: str = "BI", *, days: int = 30) -> str:
    """A token stored directly (any user, any role: the matrix needs tokens the UI would refuse)."""
    key = "opv_" + secrets.token_urlsafe(16)
    ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=hash_key(key),
        hint=key[:10],
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return key


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def snapshot(
    *,
    location: Location | None = None,
    organisation: Organisation | None = None,
    values: dict | None = None,
    period: tuple[datetime.date, datetime.date] = Q1,
    period_kind: str = PeriodKind.QUARTER,
    is_current: bool = True,
) -> ReportSnapshot:
    """A finished snapshot stored as the generator stores it (no indicator computation)."""
    if location is not None:
        kind, key, organisation = ScopeKind.LOCATION, f"location:{location.pk}", location.organisation
    elif organisation is not None:
        kind, key = ScopeKind.ORGANISATION, f"organisation:{organisation.pk}"
    else:
        kind, key = ScopeKind.REGION, "region"
    revision = ReportSnapshot.objects.filter(scope_key=key, period_start=period[0], period_end=period[1]).count() + 1
    if is_current:
        ReportSnapshot.objects.filter(scope_key=key, period_start=period[0], period_end=period[1]).update(
            is_current=False
        )
    return ReportSnapshot.objects.create(
        scope_kind=kind,
        scope_key=key,
        organisation=organisation,
        location=location,
        period_kind=period_kind,
        period_start=period[0],
        period_end=period[1],
        revision=revision,
        is_current=is_current,
        status=SnapshotStatus.DONE,
        progress=100,
        generated_at=timezone.make_aware(datetime.datetime(2026, 4, 2, 6, 0)),
        values=values or {},
    )


def final_dossier(location: Location, year: int = 2025) -> EvaluationDossier:
    return EvaluationDossier.objects.create(
        location=location,
        year=year,
        status=DossierStatus.FINAL,
        meeting_on=datetime.date(year + 1, 2, 1),
        participants="Jan Jansen (gemeente), Piet de Vries (aanbieder)",
        notes="Interne notitie",
        frozen_points=[{"text": "Kindgesprek eerder", "year_raised": year, "status": "open", "note": ""}],
        finalised_at=timezone.now(),
    )
