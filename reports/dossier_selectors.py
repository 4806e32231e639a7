"""Reads of the evaluation meeting: participants, the four parties, the fixed agenda, follow-up actions.

The agenda shows the location's numbers for the dossier's year from the yearly snapshot the
dossier already reads (selectors.dossier_snapshots, formatted by presentation.table): no
indicator is computed here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from opvang.constants import CHAIN_PARTNER_KINDS, Role
from opvang.models import User

from .constants import ACTION_WARNING_DAYS, REQUIRED_PARTIES, ActionStatus, PartyKind
from .models import DossierComment, DossierParticipant, EvaluationDossier, FollowUpAction, ImprovementPoint
from .presentation import Row


def party_for_account(user: User, dossier: EvaluationDossier) -> str:
    """The party an account represents at the meeting, from its role and organisation."""
    if user.role == Role.POLICY_OFFICER:
        return PartyKind.POLICY_OFFICER
    if user.role == Role.CONTRACT_MANAGER:
        return PartyKind.CONTRACT_MANAGER
    if user.role == Role.PARTICIPATION_COUNCIL:
        return PartyKind.CLIENT_REPRESENTATIVE
    if user.role == Role.CHAIN_PARTNER or (user.organisation and user.organisation.kind in CHAIN_PARTNER_KINDS):
        return PartyKind.PARTNER
    if user.organisation_id == dossier.location.organisation_id:
        return PartyKind.PROVIDER
    return PartyKind.OTHER


def invitable_accounts(dossier: EvaluationDossier) -> QuerySet[User]:
    """Accounts that may be invited: the municipality, the participation council, chain partners,
    and the staff of the provider that runs the location (not another provider's staff)."""
    outside = [Role.POLICY_OFFICER, Role.CONTRACT_MANAGER, Role.PARTICIPATION_COUNCIL, Role.CHAIN_PARTNER]
    provider = Q(role__in=[Role.TEAM_LEAD, Role.CASEWORKER], organisation_id=dossier.location.organisation_id)
    return (
        User.objects.filter(is_active=True)
        .filter(Q(role__in=outside) | provider)
        .exclude(pk__in=dossier.meeting_participants.filter(user__isnull=False).values("user_id"))
        .select_related("organisation")
        .order_by("last_name", "first_name", "username")
    )


def action_owner_accounts(dossier: EvaluationDossier) -> QuerySet[User]:
    """Who may own a follow-up action: the municipal roles, the provider's team leads and the
    accounts invited to the meeting (each of them can open the dossier and close the action)."""
    invited = dossier.meeting_participants.filter(user__isnull=False).values("user_id")
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role__in=[Role.POLICY_OFFICER, Role.CONTRACT_MANAGER])
            | Q(role=Role.TEAM_LEAD, organisation_id=dossier.location.organisation_id)
            | Q(pk__in=invited)
        )
        .select_related("organisation")
        .order_by("last_name", "first_name", "username")
    )


def dossier_participants(dossier: EvaluationDossier) -> list[DossierParticipant]:
    return list(dossier.meeting_participants.select_related("user__organisation").order_by("party", "pk"))


@dataclass
class PartyPresence:
    """Whether one of the four parties took part (was present) in the meeting."""

    party: str
    present: bool
    invited: bool

    @property
    def label(self) -> str:
        return str(PartyKind(self.party).label)


def party_presence(participants: list[DossierParticipant]) -> list[PartyPresence]:
    """Each of the four required parties: present (someone of it was there) and invited."""
    return [
        PartyPresence(
            party=party,
            present=any(p.party == party and p.present for p in participants),
            invited=any(p.party == party for p in participants),
        )
        for party in REQUIRED_PARTIES
    ]


def missing_parties(participants: list[DossierParticipant]) -> list[PartyPresence]:
    return [presence for presence in party_presence(participants) if not presence.present]


def dossier_comments(dossier: EvaluationDossier) -> list[DossierComment]:
    return list(dossier.comments.select_related("author__organisation"))


# --- Follow-up actions -------------------------------------------------------------------------
def dossier_actions(dossier: EvaluationDossier) -> list[FollowUpAction]:
    """The dossier's own actions, then those carried over from earlier years of the location:
    still open, or closed from the first day of this dossier's year on (so the meeting sees how
    they ended). A carried action's ``dossier.year`` says where it comes from."""
    carried = Q(dossier__year__lt=dossier.year) & (
        Q(status=ActionStatus.OPEN) | Q(closed_on__gte=datetime.date(dossier.year, 1, 1))
    )
    return list(
        FollowUpAction.objects.filter(dossier__location_id=dossier.location_id)
        .filter(Q(dossier=dossier) | carried)
        .select_related("owner_user", "dossier")
        .order_by("dossier__year", "due_on", "pk")
    )


def actions_due_for_digest(today: datetime.date) -> QuerySet[FollowUpAction]:
    """Open follow-up actions with an owner account, due within 14 days or overdue (the digest)."""
    return (
        FollowUpAction.objects.filter(
            status=ActionStatus.OPEN,
            owner_user__isnull=False,
            due_on__lte=today + datetime.timedelta(days=ACTION_WARNING_DAYS),
        )
        .select_related("dossier__location")
        .order_by("owner_user_id", "due_on", "pk")
    )


# --- The fixed agenda --------------------------------------------------------------------------
# Children first (seed: Haarlem 2019 §4, Lenferink), then the plan, outflow, stuck families,
# suspensions, staff training, and last year's improvement points and follow-up actions.
AGENDA: list[tuple[str, Promise, tuple[str, ...]]] = [
    ("intake", _("Children: their own intake"), ("child_intake",)),
    ("mentor", _("Children: their own mentor"), ("child_mentor",)),
    ("faces", _("Children: the number of faces"), ("faces_median", "faces_above")),
    ("voice", _("Children: the child's voice"), ("child_voice",)),
    ("veerkracht", _("Children: Veerkracht"), ("child_veerkracht",)),
    ("youth_care", _("Children: youth care"), ("youth_care_referrals", "referral_days")),
    ("school", _("Children: school"), ("child_school",)),
    (
        "plan",
        _("The gedragen plan"),
        ("plan_within_30", "plan_gedragen", "plan_network_any", "plan_reviews_on_time", "child_own_goal"),
    ),
    ("outflow", _("Outflow"), ("exits", "exits_permanent_share", "housing_within_90", "aftercare_3m")),
    ("stuck", _("Stuck families"), ("stuck_present", "stuck_new", "stuck_days_median", "stuck_resolved")),
    ("suspensions", _("Suspensions"), ("suspensions_rate", "suspension_children")),
    (
        "training",
        _("Staff training"),
        ("staff_gedragen_plan", "staff_veerkracht", "staff_trauma_informed", "staff_meldcode"),
    ),
    ("last_year", _("Last year's improvement points and follow-up actions"), ()),
]


@dataclass
class AgendaItem:
    code: str
    title: Promise
    rows: list[Row] = field(default_factory=list)
    # Only the last item: what is still open from earlier years.
    summary: list[str] = field(default_factory=list)


def dossier_agenda(
    *,
    dossier: EvaluationDossier,
    sections: list[tuple[Promise, list[Row]]],
    points: list[ImprovementPoint] | list[dict],
    actions: list[FollowUpAction],
) -> list[AgendaItem]:
    """The agenda in its fixed order; each item with the location's rows of the yearly report
    (value, last year, target) as the dossier's indicator table already has them."""
    rows = {row.indicator.code: row for _title, section_rows in sections for row in section_rows}
    items = [AgendaItem(code, title, [rows[c] for c in codes if c in rows]) for code, title, codes in AGENDA[:-1]]
    last = AgendaItem(*AGENDA[-1][:2])
    carried_points = [p for p in points if _year_raised(p) < dossier.year]
    carried_actions = [a for a in actions if a.dossier_id != dossier.pk]
    last.summary = [
        str(_("Improvement points from earlier years: %(n)s")) % {"n": len(carried_points)},
        str(_("Follow-up actions from earlier years: %(open)s open, %(done)s done, %(dropped)s dropped"))
        % {
            "open": sum(a.status == ActionStatus.OPEN for a in carried_actions),
            "done": sum(a.status == ActionStatus.DONE for a in carried_actions),
            "dropped": sum(a.status == ActionStatus.DROPPED for a in carried_actions),
        },
    ]
    return [*items, last]


def _year_raised(point: ImprovementPoint | dict) -> int:
    """A live point or a frozen one (the dict stored when the dossier became final)."""
    return point["year_raised"] if isinstance(point, dict) else point.year_raised
