"""Scopes (region, organisation, location) and periods (month, quarter, year, custom range)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opvang.constants import OrganisationKind
from opvang.models import Location, Organisation

from .constants import PeriodKind, ScopeKind


@dataclass(frozen=True)
class Period:
    """A closed range of dates [start, end], both days included."""

    start: datetime.date
    end: datetime.date
    kind: str = PeriodKind.CUSTOM

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("period ends before it starts")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        start = datetime.date(year, month, 1)
        return cls(start, start + relativedelta(months=1, days=-1), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        start = datetime.date(year, 3 * quarter - 2, 1)
        return cls(start, start + relativedelta(months=3, days=-1), PeriodKind.QUARTER)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def custom(cls, start: datetime.date, end: datetime.date) -> Period:
        return cls(start, end, PeriodKind.CUSTOM)

    @classmethod
    def containing(cls, kind: str, day: datetime.date) -> Period:
        if kind == PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind == PeriodKind.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        return cls.year(day.year)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same kind just before this one (a custom range: as many days before)."""
        if self.kind == PeriodKind.MONTH:
            return Period.containing(PeriodKind.MONTH, self.start - datetime.timedelta(days=1))
        if self.kind == PeriodKind.QUARTER:
            return Period.containing(PeriodKind.QUARTER, self.start - datetime.timedelta(days=1))
        if self.kind == PeriodKind.YEAR:
            return Period.year(self.start.year - 1)
        return Period.custom(self.start - datetime.timedelta(days=self.days), self.start - datetime.timedelta(days=1))

    def shifted_back(self, months: int) -> Period:
        """The same range ``months`` earlier (cohorts whose follow-up ends within this period)."""
        return Period.custom(
            self.start - relativedelta(months=months),
            self.end + datetime.timedelta(days=1) - relativedelta(months=months) - datetime.timedelta(days=1),
        )

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return date_format(self.start, "F Y")
        if self.kind == PeriodKind.QUARTER:
            return _("Q%(quarter)s %(year)s") % {"quarter": (self.start.month - 1) // 3 + 1, "year": self.start.year}
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        return _("%(start)s to %(end)s") % {
            "start": date_format(self.start, "j F Y"),
            "end": date_format(self.end, "j F Y"),
        }


@dataclass(frozen=True)
class Scope:
    """Where a report is about: the whole region, one organisation or one location."""

    kind: str
    organisation: Organisation | None = None
    location: Location | None = None

    @classmethod
    def region(cls) -> Scope:
        return cls(ScopeKind.REGION)

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> Scope:
        return cls(ScopeKind.ORGANISATION, organisation=organisation)

    @classmethod
    def for_location(cls, location: Location) -> Scope:
        return cls(ScopeKind.LOCATION, organisation=location.organisation, location=location)

    @property
    def key(self) -> str:
        """A stable text key, unique per scope (used in unique constraints: NULLs never collide)."""
        if self.kind == ScopeKind.LOCATION:
            assert self.location is not None  # set by for_location()
            return f"location:{self.location.pk}"
        if self.kind == ScopeKind.ORGANISATION:
            assert self.organisation is not None  # set by for_organisation()
            return f"organisation:{self.organisation.pk}"
        return "region"

    def locations(self) -> QuerySet[Location]:
        """The shelter locations in scope, as a lazy queryset (used as a subquery: no extra query)."""
        locations = Location.objects.filter(organisation__kind=OrganisationKind.SHELTER_PROVIDER)
        if self.kind == ScopeKind.LOCATION:
            assert self.location is not None
            return locations.filter(pk=self.location.pk)
        if self.kind == ScopeKind.ORGANISATION:
            return locations.filter(organisation=self.organisation)
        return locations

    @property
    def label(self) -> str:
        if self.kind == ScopeKind.LOCATION:
            assert self.location is not None
            return f"{self.location.name} ({self.location.organisation.name})"
        if self.kind == ScopeKind.ORGANISATION:
            assert self.organisation is not None
            return self.organisation.name
        return _("Whole region")
