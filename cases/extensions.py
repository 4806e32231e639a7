"""The one extension point of the case file: what higher apps add to its pages and its intake.

Apps depend one way (CONTRIBUTING.md, "Layers"): ``children`` and ``plans`` build on ``cases``,
so ``cases`` never imports them. Where a page of the case file shows their data, the higher app
registers it here from its ``AppConfig.ready()``:

- ``household_panel``: a section of the household page. ``context(request, household)`` returns
  the (uniquely named) variables its template needs; it runs once per page, so its queries are
  a fixed number, whatever the household holds.
- ``caseload_signal``: a signal of the caseload, a boolean expression over Household rows
  (``OuterRef("pk")``) computed in the same query as the list, with its Dutch label.
- ``caseload_panel``: a section of the caseload page above the table (the chain consultation's
  open decisions of the signed-in owner). ``context(request)`` returns its template's variables,
  a fixed number of queries.
- ``handover_panel``: a section of the handover page, for both sides (the children app's latest
  words of each child the handover concerns). ``context(request, handover)`` returns its
  template's variables, a fixed number of queries.
- ``child_intake``: how the intake registers the household's children (the children app's
  ``child_register``), inside the intake's transaction.
- ``note_goals``: the plan goals a case note may be linked to (the plans app's goals of the
  household's current plan version), as a queryset of rows with a ``case_notes`` relation.
- ``after_handover_admission``: what follows when the receiving side admits a handed-over
  household (``cases.services.handover_admit``), inside the admission's transaction: the children
  app records the receiving professional's involvement with each child (a face), the plans app
  carries the plan and circle over as a new version with the new mentor.

Registration is idempotent (keyed by name), so a second ``ready()`` in tests changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, Q, QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise

from opvang.models import User

from .models import Handover, Household, Stay

# Where a panel sits on the household page: the main column, or the column beside it.
PANEL_SLOTS = ("main", "aside")


@dataclass(frozen=True)
class HouseholdPanel:
    name: str
    slot: str
    template: str
    order: int
    context: Callable[[HttpRequest, Household], dict[str, Any]] | None = None


@dataclass(frozen=True)
class CaseloadPanel:
    name: str
    template: str
    order: int
    context: Callable[[HttpRequest], dict[str, Any]] | None = None


@dataclass(frozen=True)
class HandoverPanel:
    name: str
    template: str
    order: int
    context: Callable[[HttpRequest, Handover], dict[str, Any]] | None = None


@dataclass(frozen=True)
class CaseloadSignal:
    name: str
    label: str | Promise
    # Exists(...) or a combination of them (Exists & Exists is a Q).
    annotation: Callable[[date], Exists | Q]
    order: int


_panels: dict[str, HouseholdPanel] = {}
_signals: dict[str, CaseloadSignal] = {}
_caseload_panels: dict[str, CaseloadPanel] = {}
_handover_panels: dict[str, HandoverPanel] = {}
_child_intake: list[Callable[..., object]] = []
_note_goals: list[Callable[[Household], QuerySet[Any]]] = []
_handover_admission: dict[str, tuple[int, Callable[..., object]]] = {}


def household_panel(panel: HouseholdPanel) -> None:
    if panel.slot not in PANEL_SLOTS:
        raise ImproperlyConfigured(f"Household panel {panel.name!r}: slot must be one of {PANEL_SLOTS}.")
    _panels[panel.name] = panel


def caseload_signal(signal: CaseloadSignal) -> None:
    _signals[signal.name] = signal


def caseload_panel(panel: CaseloadPanel) -> None:
    _caseload_panels[panel.name] = panel


def handover_panel(panel: HandoverPanel) -> None:
    _handover_panels[panel.name] = panel


def child_intake(register: Callable[..., object]) -> None:
    """``register(household=..., first_name=..., last_name=..., date_of_birth=..., bsn=..., gender=...)``."""
    _child_intake[:] = [register]


def note_goals(provider: Callable[[Household], QuerySet[Any]]) -> None:
    """``provider(household)``: the goals a note about this household may be linked to."""
    _note_goals[:] = [provider]


def after_handover_admission(name: str, callback: Callable[..., object], *, order: int = 0) -> None:
    """``callback(handover=..., stay=..., by=...)``: runs after the household is admitted at the
    receiving location (``stay`` is the new stay, ``by`` the receiving professional), in order."""
    _handover_admission[name] = (order, callback)


def handover_admitted(*, handover: Handover, stay: Stay, by: User) -> None:
    """Run what the higher apps registered for an admission after a handover."""
    for _order, callback in sorted(_handover_admission.values(), key=lambda entry: entry[0]):
        callback(handover=handover, stay=stay, by=by)


def goals_for_notes(household: Household) -> QuerySet[Any] | None:
    """The goals a note may name, or None when no app offers goals."""
    return _note_goals[0](household) if _note_goals else None


def household_panels(request: HttpRequest, household: Household) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """The templates per slot (in order) and the variables they need, for one household page."""
    templates: dict[str, list[str]] = {slot: [] for slot in PANEL_SLOTS}
    context: dict[str, Any] = {}
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        templates[panel.slot].append(panel.template)
        if panel.context is not None:
            context.update(panel.context(request, household))
    return templates, context


def caseload_panels(request: HttpRequest) -> tuple[list[str], dict[str, Any]]:
    """The templates of the caseload's panels (in order) and the variables they need."""
    templates: list[str] = []
    context: dict[str, Any] = {}
    for panel in sorted(_caseload_panels.values(), key=lambda p: p.order):
        templates.append(panel.template)
        if panel.context is not None:
            context.update(panel.context(request))
    return templates, context


def handover_panels(request: HttpRequest, handover: Handover) -> tuple[list[str], dict[str, Any]]:
    """The templates of the handover page's panels (in order) and the variables they need."""
    templates: list[str] = []
    context: dict[str, Any] = {}
    for panel in sorted(_handover_panels.values(), key=lambda p: p.order):
        templates.append(panel.template)
        if panel.context is not None:
            context.update(panel.context(request, handover))
    return templates, context


def caseload_signals() -> list[CaseloadSignal]:
    return sorted(_signals.values(), key=lambda s: s.order)


def register_child(**fields: object) -> object:
    if not _child_intake:
        raise ImproperlyConfigured(
            "No app registered how the intake registers children (cases.extensions.child_intake)."
        )
    return _child_intake[0](**fields)
