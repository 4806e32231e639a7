"""The AVG export (right of access, art. 15; data portability, art. 20).

All data on one household or one child as a dict that is JSON as it stands
(household_export_data, child_export_data) and renders as a readable PDF (export_document).
Data about third parties is left out or marked. Reads only: the export is audited by
services.export_record.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import (
    AdultClient,
    AftercareContact,
    Application,
    Beschikking,
    BeschikkingExtension,
    CaseNote,
    FollowUp,
    Handover,
    Household,
    Involvement,
    PsychSupportReferral,
    Stay,
    SuspendedChild,
    Suspension,
    ZrmAssessment,
)
from children.models import Child, ChildIntake, ChildVoice
from opvang.models import User
from outflow.models import AftercarePlan, Trajectory, TrajectoryGoal
from plans.models import Action, Goal, Participant, Plan, PlanConsent, PlanVersion

WITHHELD_SECRET_LOCATION = gettext_lazy("secret location")
WITHHELD_THIRD_PARTY = gettext_lazy("data about someone else")
# What is never exported, and why: listed in every export so the client knows it exists.
WITHHELD_ALWAYS = [
    gettext_lazy("The safety section (threat and safety notes): it holds data about other people."),
    gettext_lazy("Child-protection concerns, Veilig Thuis reports and meldcode steps."),
    gettext_lazy("The safety assessment of the child's own intake."),
    gettext_lazy("Contact details and names of people in the circle who are not part of the household."),
    gettext_lazy("The safety conditions of the plan."),
    gettext_lazy("Case notes marked as restricted (safety content): they hold data about other people."),
    gettext_lazy("The safety checks after the shelter (Veilig na opvang): they hold data about other people."),
    gettext_lazy("Addresses of shelter locations."),
]


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _text(value) -> str:
    return str(value) if value is not None else ""


def _location(location) -> dict:
    # A secret location is left out entirely: an export may travel further than the client.
    if location.secret_address:
        return {"withheld": True, "reason": str(WITHHELD_SECRET_LOCATION)}
    return {"name": location.name, "municipality": location.municipality}


def _professional(user: User | None, household: Household) -> dict | None:
    """Own staff by name; professionals of other organisations by organisation and role only."""
    if user is None:
        return None
    organisation = user.organisation.name if user.organisation else ""
    role = _text(user.get_role_display())
    if user.organisation_id == household.organisation_id:
        return {"name": user.get_full_name() or user.username, "organisation": organisation, "role": role}
    return {"organisation": organisation, "role": role, "third_party": True}


def _participant(participant: Participant | None) -> dict | None:
    """The household's own people by name; everyone else as relation and role only."""
    if participant is None:
        return None
    if participant.belongs_to_household:
        return {"name": participant.name, "relation": _text(participant.get_relation_display())}
    return {
        "third_party": True,
        "relation": _text(participant.get_relation_display()),
        "role": participant.role,
    }


def _export_queryset() -> QuerySet[Household]:
    """The household with every part of its file joined (a fixed number of queries)."""
    return Household.objects.select_related("organisation", "location").prefetch_related(
        Prefetch(
            "adults",
            queryset=AdultClient.objects.select_related("caseworker__organisation").prefetch_related(
                Prefetch(
                    "zrm_assessments",
                    queryset=ZrmAssessment.objects.select_related("assessed_by__organisation").prefetch_related(
                        "scores"
                    ),
                ),
                Prefetch("involvements", queryset=Involvement.objects.select_related("user__organisation")),
                Prefetch(
                    "psych_referrals",
                    queryset=PsychSupportReferral.objects.select_related("referred_by__organisation"),
                ),
            ),
        ),
        Prefetch("applications", queryset=Application.objects.select_related("location")),
        Prefetch(
            "stays",
            queryset=Stay.objects.select_related("location").prefetch_related(
                Prefetch(
                    "beschikkingen",
                    queryset=Beschikking.objects.prefetch_related(
                        Prefetch("extensions", queryset=BeschikkingExtension.objects.order_by("extended_on"))
                    ),
                )
            ),
        ),
        Prefetch(
            "handovers",
            queryset=Handover.objects.select_related(
                "from_organisation",
                "to_organisation",
                "from_professional__organisation",
                "to_professional__organisation",
            ).prefetch_related("children"),
        ),
        Prefetch(
            "suspensions",
            queryset=Suspension.objects.select_related(
                "adult", "location", "decided_by__organisation"
            ).prefetch_related(Prefetch("children_affected", queryset=SuspendedChild.objects.select_related("child"))),
        ),
        Prefetch("aftercare_contacts", queryset=AftercareContact.objects.select_related("recorded_by__organisation")),
        Prefetch("aftercare_plans", queryset=AftercarePlan.objects.select_related("owner_user", "owner_organisation")),
        Prefetch(
            "trajectories",
            queryset=Trajectory.objects.select_related("adult", "holder__organisation").prefetch_related(
                Prefetch("goals", queryset=TrajectoryGoal.objects.prefetch_related("actions"))
            ),
        ),
        # Restricted notes hold safety content about others: never exported (WITHHELD_ALWAYS).
        Prefetch(
            "notes",
            queryset=CaseNote.objects.filter(restricted=False)
            .select_related("author__organisation", "adult", "corrects")
            .prefetch_related(
                "children",
                Prefetch("follow_ups", queryset=FollowUp.objects.select_related("owner__organisation")),
            )
            .order_by("contact_at", "pk"),
        ),
        Prefetch(
            "children",
            queryset=Child.objects.select_related("mentor__organisation").prefetch_related(
                Prefetch("voices", queryset=ChildVoice.objects.select_related("recorded_by__organisation")),
                Prefetch("intakes", queryset=ChildIntake.objects.select_related("held_by__organisation")),
                "referrals",
                "veerkracht",
                Prefetch("involvements", queryset=Involvement.objects.select_related("user__organisation")),
            ),
        ),
        Prefetch(
            "plans",
            queryset=Plan.objects.prefetch_related(
                Prefetch(
                    "versions",
                    queryset=PlanVersion.objects.order_by("number").prefetch_related(
                        Prefetch("participants", queryset=Participant.objects.select_related("agreement")),
                        Prefetch(
                            "goals",
                            queryset=Goal.objects.select_related("adult", "child").prefetch_related(
                                Prefetch("actions", queryset=Action.objects.select_related("owner"))
                            ),
                        ),
                    ),
                )
            ),
        ),
        Prefetch("plan_consents", queryset=PlanConsent.objects.select_related("adult", "child", "organisation")),
    )


def _involvement(involvement: Involvement, household: Household) -> dict:
    # Professionals are named by organisation and role only (they are not the data subject).
    organisation = involvement.external_organisation
    if involvement.user is not None and involvement.user.organisation is not None:
        organisation = involvement.user.organisation.name
    return {
        "organisation": organisation,
        "role": involvement.role,
        "from": _iso(involvement.started_on),
        "until": _iso(involvement.ended_on),
    }


def _case_note(note: CaseNote, household: Household) -> dict:
    """A case note; its author is named as own staff or marked as someone else (_professional)."""
    children = list(note.children.all())  # the reverse of Child.case_notes
    about = f"{note.adult}" if note.adult else (f"{children[0]}" if children else _("The whole household"))
    return {
        "contact_at": _iso(timezone.localtime(note.contact_at)),
        "kind": _text(note.get_kind_display()),
        "about": about,
        "author": _professional(note.author, household),
        "text": note.text,
        "corrects": _iso(timezone.localtime(note.corrects.contact_at)) if note.corrects else None,
        "follow_ups": [
            {
                "what": f.what,
                "due_on": _iso(f.due_on),
                "who": _professional(f.owner, household),
                "done_on": _iso(timezone.localtime(f.done_at).date()) if f.done_at else None,
            }
            for f in note.follow_ups.all()
        ],
    }


def _adult(adult: AdultClient, household: Household) -> dict:
    return {
        "first_name": adult.first_name,
        "last_name": adult.last_name,
        "role_in_household": _text(adult.get_role_display()),
        "date_of_birth": _iso(adult.date_of_birth),
        "bsn": adult.bsn or "",
        "phone": adult.phone,
        "email": adult.email,
        "caseworker": _professional(adult.caseworker, household),
        "involvements": [_involvement(i, household) for i in adult.involvements.all()],
        "psych_support": [
            {
                "kind": _text(r.get_kind_display()),
                "provider": r.provider,
                "referred_on": _iso(r.referred_on),
                "referred_by": _professional(r.referred_by, household),
                "reason": r.reason,
                "started_on": _iso(r.started_on),
                "ended_on": _iso(r.ended_on),
                "outcome": _text(r.get_outcome_display()) if r.outcome else "",
                "notes": r.notes,
            }
            for r in adult.psych_referrals.all()
        ],
    }


def _own_intake(intake: ChildIntake, household: Household) -> dict:
    """The child's own intake, field by field. Its safety assessment is child-protection data
    (WITHHELD_ALWAYS); a named contact at school and the GP are third parties."""
    return {
        "status": _text(intake.get_status_display()),
        "intake_form": _text(intake.get_variant_display()),
        "held_on": _iso(intake.held_on),
        "held_by": _professional(intake.held_by, household),
        "present": _text(intake.get_present_display()) if intake.present else "",
        "observation": intake.observation,
        "answers": [{"question": question, "answer": answer} for question, answer in intake.answers_shown()],
        "own_words": intake.own_words,
        "child_consent": [{"question": question, "answer": answer} for question, answer in intake.consent_shown()],
        "needs": [{"life_domain": domain, "need": need} for domain, need in intake.needs_shown()],
        "school": intake.school_name,
        "school_contact": {"third_party": True, "relation": _("School")} if intake.school_contact else None,
        "school_notes": intake.school_notes,
        "gp": {"third_party": True, "relation": _("GP")} if intake.gp else None,
        "health": intake.health,
        "custody": _text(intake.get_custody_display()) if intake.custody else "",
        "custody_notes": intake.custody_notes,
        "other_parent_contact": _text(intake.get_other_parent_contact_display()) if intake.other_parent_contact else "",
        "other_parent_notes": intake.other_parent_notes,
        "completed_at": _iso(timezone.localtime(intake.completed_at)) if intake.completed_at else None,
    }


def _child(child: Child, household: Household) -> dict:
    return {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "date_of_birth": _iso(child.date_of_birth),
        "bsn": child.bsn or "",
        "gender": _text(child.get_gender_display()),
        "school": child.school_name,
        "school_continued": child.school_continued,
        # A named contact at school is a third party.
        "school_contact": {"third_party": True, "relation": _("School")} if child.school_contact else None,
        "own_mentor": _professional(child.mentor, household),
        "own_intake_on": _iso(child.intake_on),
        "own_intakes": [_own_intake(intake, household) for intake in child.intakes.all()],
        "support_needs": [str(need) for need in child.support_needs],
        "support_notes": child.support_notes,
        "voices": [
            {"recorded_on": _iso(v.recorded_on), "wishes": v.wishes, "worries": v.worries} for v in child.voices.all()
        ],
        "youth_care_referrals": [
            {
                "provider": r.provider,
                "kind": _text(r.get_kind_display()),
                "referred_on": _iso(r.referred_on),
                "started_on": _iso(r.started_on),
                "ended_on": _iso(r.ended_on),
            }
            for r in child.referrals.all()
        ],
        "veerkracht": [
            {
                "form": _text(t.get_form_display()),
                "phase": _text(t.get_phase_display()),
                "started_on": _iso(t.started_on),
                "sessions_attended": t.sessions_attended,
                "ended_on": _iso(t.ended_on),
                "reason_not_offered": t.not_offered_reason,
            }
            for t in child.veerkracht.all()
        ],
        "involvements": [_involvement(i, household) for i in child.involvements.all()],
    }


def _stay(stay: Stay) -> dict:
    return {
        "location": _location(stay.location),
        "admitted_on": _iso(stay.admitted_on),
        "left_on": _iso(stay.left_on),
        "destination": _text(stay.get_destination_display()),
        "beschikkingen": [
            {
                "kind": _text(b.get_kind_display()),
                "start_on": _iso(b.start_on),
                "end_on": _iso(b.end_on),
                "original_end_on": _iso(b.original_end_on),
                "extensions": [
                    {
                        "extended_on": _iso(e.extended_on),
                        "previous_end_on": _iso(e.previous_end_on),
                        "new_end_on": _iso(e.new_end_on),
                        "reason": _text(e.get_reason_display()),
                        "notes": e.notes,
                    }
                    for e in b.extensions.all()
                ],
            }
            for b in stay.beschikkingen.all()
        ],
    }


def _handover(handover: Handover, household: Household) -> dict:
    return {
        "planned_on": _iso(handover.planned_on),
        "kind": _text(handover.get_kind_display()),
        "status": _text(handover.get_status_display()),
        "from": _professional(handover.from_professional, household)
        or {"organisation": handover.from_organisation.name},
        # The receiving professional works elsewhere: organisation and role, never the name.
        "to": {"organisation": handover.to_organisation.name, "role": _("Receiving professional"), "third_party": True},
        "children": [f"{c.first_name} {c.last_name}" for c in handover.children.all()],
        "consent_given": handover.consent_given,
        "child_consent_given": handover.child_consent_given,
        "what_is_passed_on": handover.summary,
        "accepted_on": _iso(handover.accepted_on),
        "completed_on": _iso(handover.completed_on),
    }


def _plan(plan: Plan, household: Household, *, child: Child | None = None) -> dict:
    versions = []
    for version in plan.versions.all():
        participants = list(version.participants.all())
        goals = [g for g in version.goals.all() if child is None or g.child_id == child.pk]
        versions.append(
            {
                "version": version.number,
                "state": _text(version.get_state_display()),
                "agreed_on": _iso(version.agreed_on),
                "perspective": version.perspective if child is None else "",
                "strengths": version.strengths if child is None else "",
                "worries": version.worries if child is None else "",
                "if_things_go_differently": version.if_things_go_differently if child is None else "",
                "next_review_on": _iso(version.next_review_on),
                "circle": [
                    {
                        **(_participant(p) or {}),  # p is never None here
                        "agreed": _text(p.agreement.get_decision_display()) if hasattr(p, "agreement") else "",
                    }
                    for p in participants
                ]
                if child is None
                else [],
                "goals": [
                    {
                        "for": f"{g.adult}" if g.adult_id else (f"{g.child}" if g.child_id else _("The household")),
                        "domain": g.domain_label,
                        "goal": g.text,
                        "target_on": _iso(g.target_on),
                        "status": _text(g.get_status_display()),
                        "progress": g.progress_notes,
                        "actions": [
                            {
                                "what": a.what,
                                "who": _participant(a.owner),
                                "due_on": _iso(a.due_on),
                                "done_on": _iso(a.done_on),
                            }
                            for a in g.actions.all()
                        ],
                    }
                    for g in goals
                ],
            }
        )
    return {
        "status": _text(plan.get_status_display()),
        "start_on": _iso(plan.start_on),
        "closed_on": _iso(plan.closed_on),
        "who_supports_the_direction": _text(plan.get_direction_support_display()),
        "versions": versions,
    }


def _plan_consent(consent: PlanConsent) -> dict:
    """Who consented to sharing the plan with which chain partner, and until when."""
    return {
        "who": f"{consent.adult or consent.child}",
        "shared_with": consent.organisation.name,
        "given_on": _iso(consent.given_on),
        "withdrawn_on": _iso(consent.withdrawn_on),
    }


def _export_header(subject: str, reference: str) -> dict:
    return {
        "subject": subject,
        "reference": reference,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "notice": _(
            "This overview holds the data we keep about you. Data about other people has been left out "
            "or is shown only as their relation and role."
        ),
        "withheld": [str(w) for w in WITHHELD_ALWAYS],
    }


def household_export_data(household: Household, *, include_children: bool = True) -> dict:
    """All data on one household, JSON-serialisable (strings, numbers, booleans, lists, dicts).

    Left out: the safety section, child-protection data, secret locations, names and contact
    details of third parties. Third parties appear as ``{"third_party": true, ...}``.
    """
    hh = _export_queryset().get(pk=household.pk)
    data = {
        "export": _export_header("household", hh.reference),
        "household": {
            "reference": hh.reference,
            "organisation": hh.organisation.name,
            "location": _location(hh.location),
            "reason_for_shelter": _text(hh.get_reason_display()),
            "municipality_of_origin": hh.municipality_of_origin,
            "status": _text(hh.get_status_display()),
            "secret_address_needed": hh.secret_address_needed,
        },
        "adults": [_adult(a, hh) for a in hh.adults.all()],
        "applications": [
            {
                "location": _location(a.location),
                "applied_on": _iso(a.applied_on),
                "referred_by": a.referred_by,
                "decision": _text(a.get_decision_display()),
                "decided_on": _iso(a.decided_on),
            }
            for a in hh.applications.all()
        ],
        "stays": [_stay(s) for s in hh.stays.all()],
        "handovers": [_handover(h, hh) for h in hh.handovers.all()],
        "suspensions": [
            {
                "client": f"{s.adult}",
                "location": _location(s.location),
                "start_on": _iso(s.start_on),
                "end_on": _iso(s.end_on),
                "reason": _text(s.get_reason_display()),
                "notes": s.notes,
                "children": [
                    {"child": f"{sc.child}", "where_the_child_stayed": sc.stayed_at} for sc in s.children_affected.all()
                ],
            }
            for s in hh.suspensions.all()
        ],
        "aftercare": [
            {"date": _iso(c.contact_on), "kind": _text(c.get_kind_display()), "notes": c.notes}
            for c in hh.aftercare_contacts.all()
        ],
        "aftercare_plans": [
            {
                "owner": p.owner_display,
                "contact_every_weeks": p.frequency_weeks,
                "made_on": _iso(p.made_on),
                "planned_end": _iso(p.planned_end_on),
                "contact_lost_on": _iso(p.contact_lost_on),
                "notes": p.notes,
            }
            for p in hh.aftercare_plans.all()
        ],
        "trajectories": [
            {
                "client": f"{t.adult}",
                "trajectory_holder": _professional(t.holder, hh),
                "start": _iso(t.started_on),
                "goal_of_the_trajectory": t.goal,
                "on_the_waiting_list_since": _iso(t.waiting_list_since),
                "consent_given": t.consent_given,
                "end": _iso(t.ended_on),
                "result": _text(t.get_result_display()),
                "about_the_result": t.result_notes,
                "trajectory_plan": [
                    {
                        "goal": g.text,
                        "status": _text(g.get_status_display()),
                        "actions": [
                            {
                                "what": a.what,
                                "who": a.owner,
                                "by_when": _iso(a.due_on),
                                "status": _text(a.get_status_display()),
                            }
                            for a in g.actions.all()
                        ],
                    }
                    for g in t.goals.all()
                ],
            }
            for t in hh.trajectories.all()
        ],
        "zrm": [
            {
                "client": f"{a}",
                "date": _iso(z.assessed_on),
                "moment": _text(z.get_moment_display()),
                "scores": {
                    _text(s.get_domain_display()): s.score for s in sorted(z.scores.all(), key=lambda s: s.domain)
                },
            }
            for a in hh.adults.all()
            for z in a.zrm_assessments.all()
        ],
        "children": [_child(c, hh) for c in hh.children.all()] if include_children else [],
        "plans": [_plan(p, hh) for p in hh.plans.all()],
        "plan_consents": [_plan_consent(c) for c in hh.plan_consents.all() if include_children or c.child_id is None],
        # With include_children off (a parent's request without the children's), notes about a
        # child stay out as the children's files do.
        "case_notes": [_case_note(n, hh) for n in hh.notes.all() if include_children or not list(n.children.all())],
    }
    return data


def child_export_data(child: Child) -> dict:
    """All data on one child: the child's own file, the stays it shared and its own goals."""
    hh = _export_queryset().get(pk=child.household_id)
    own = next(c for c in hh.children.all() if c.pk == child.pk)
    return {
        "export": _export_header("child", hh.reference),
        "child": _child(own, hh),
        "stays": [_stay(s) for s in hh.stays.all()],
        "handovers": [_handover(h, hh) for h in hh.handovers.all() if any(c.pk == own.pk for c in h.children.all())],
        "plans": [_plan(p, hh, child=own) for p in hh.plans.all()],
        "plan_consents": [_plan_consent(c) for c in hh.plan_consents.all() if c.child_id == own.pk],
        "case_notes": [_case_note(n, hh) for n in hh.notes.all() if any(c.pk == own.pk for c in n.children.all())],
    }


# Labels of the export's keys for the PDF (the JSON keeps the keys).
EXPORT_LABELS = {
    "export": gettext_lazy("About this overview"),
    "subject": gettext_lazy("Subject"),
    "generated_at": gettext_lazy("Made on"),
    "notice": gettext_lazy("Note"),
    "withheld": gettext_lazy("What is not in this overview"),
    "household": gettext_lazy("Household"),
    "reference": gettext_lazy("Reference"),
    "organisation": gettext_lazy("Organisation"),
    "location": gettext_lazy("Location"),
    "reason_for_shelter": gettext_lazy("Reason for shelter"),
    "municipality_of_origin": gettext_lazy("Municipality of origin"),
    "municipality": gettext_lazy("Municipality"),
    "status": gettext_lazy("Status"),
    "secret_address_needed": gettext_lazy("Secret address needed"),
    "adults": gettext_lazy("Adults"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "role_in_household": gettext_lazy("Role in the household"),
    "date_of_birth": gettext_lazy("Date of birth"),
    "bsn": gettext_lazy("BSN"),
    "phone": gettext_lazy("Phone"),
    "email": gettext_lazy("E-mail"),
    "caseworker": gettext_lazy("Caseworker"),
    "involvements": gettext_lazy("Professionals involved"),
    "applications": gettext_lazy("Applications"),
    "applied_on": gettext_lazy("Applied on"),
    "referred_by": gettext_lazy("Referred by"),
    "decision": gettext_lazy("Decision"),
    "decided_on": gettext_lazy("Decided on"),
    "stays": gettext_lazy("Stays"),
    "admitted_on": gettext_lazy("Admitted on"),
    "left_on": gettext_lazy("Left on"),
    "destination": gettext_lazy("Destination"),
    "beschikkingen": gettext_lazy("Beschikkingen"),
    "kind": gettext_lazy("Kind"),
    "start_on": gettext_lazy("Start"),
    "end_on": gettext_lazy("End"),
    "original_end_on": gettext_lazy("Original end"),
    "extensions": gettext_lazy("Extensions"),
    "extended_on": gettext_lazy("Extended on"),
    "previous_end_on": gettext_lazy("Previous end"),
    "new_end_on": gettext_lazy("New end"),
    "reason": gettext_lazy("Reason"),
    "notes": gettext_lazy("Notes"),
    "handovers": gettext_lazy("Handovers"),
    "planned_on": gettext_lazy("Date"),
    "from": gettext_lazy("From"),
    "to": gettext_lazy("To"),
    "until": gettext_lazy("Until"),
    "children": gettext_lazy("Children"),
    "consent_given": gettext_lazy("Consent of the parent given"),
    "child_consent_given": gettext_lazy("Consent of children from 12 given"),
    "what_is_passed_on": gettext_lazy("What is passed on"),
    "accepted_on": gettext_lazy("Accepted on"),
    "completed_on": gettext_lazy("Completed on"),
    "suspensions": gettext_lazy("Suspensions"),
    "client": gettext_lazy("Client"),
    "child": gettext_lazy("Child"),
    "where_the_child_stayed": gettext_lazy("Where the child stayed"),
    "aftercare": gettext_lazy("Aftercare"),
    "aftercare_plans": gettext_lazy("Aftercare plans"),
    "owner": gettext_lazy("Owner"),
    "contact_every_weeks": gettext_lazy("Contact every (weeks)"),
    "made_on": gettext_lazy("Made on"),
    "planned_end": gettext_lazy("Planned end"),
    "contact_lost_on": gettext_lazy("Contact lost on"),
    "trajectories": gettext_lazy("Trajectory support"),
    "trajectory_holder": gettext_lazy("Trajectory holder"),
    "goal_of_the_trajectory": gettext_lazy("Goal of the trajectory"),
    "on_the_waiting_list_since": gettext_lazy("On the waiting list since"),
    "about_the_result": gettext_lazy("About the result"),
    "trajectory_plan": gettext_lazy("Trajectory plan"),
    "start": gettext_lazy("Start"),
    "end": gettext_lazy("End"),
    "result": gettext_lazy("Result"),
    "by_when": gettext_lazy("By when"),
    "date": gettext_lazy("Date"),
    "zrm": gettext_lazy("Self-sufficiency matrix (ZRM)"),
    "moment": gettext_lazy("Moment"),
    "scores": gettext_lazy("Scores"),
    "gender": gettext_lazy("Gender"),
    "school": gettext_lazy("School"),
    "school_continued": gettext_lazy("School attendance continued"),
    "school_contact": gettext_lazy("School contact"),
    "own_mentor": gettext_lazy("Own mentor"),
    "own_intake_on": gettext_lazy("Own intake on"),
    "own_intakes": gettext_lazy("Own intake conversations"),
    "intake_form": gettext_lazy("Form of the intake"),
    "held_on": gettext_lazy("Held on"),
    "held_by": gettext_lazy("Held by"),
    "present": gettext_lazy("Present"),
    "observation": gettext_lazy("Observation"),
    "answers": gettext_lazy("Answers to the prompts"),
    "question": gettext_lazy("Question"),
    "answer": gettext_lazy("Answer"),
    "own_words": gettext_lazy("What the child wants us to know"),
    "child_consent": gettext_lazy("Consent of the child"),
    "needs": gettext_lazy("Needs per life domain"),
    "life_domain": gettext_lazy("Life domain"),
    "need": gettext_lazy("Needs"),
    "school_notes": gettext_lazy("Notes on school or childcare"),
    "gp": gettext_lazy("GP"),
    "health": gettext_lazy("Health"),
    "custody": gettext_lazy("Custody (gezag)"),
    "custody_notes": gettext_lazy("Notes on custody"),
    "other_parent_contact": gettext_lazy("Contact with the other parent"),
    "other_parent_notes": gettext_lazy("Notes on the contact with the other parent"),
    "completed_at": gettext_lazy("Completed at"),
    "support_needs": gettext_lazy("Support needs"),
    "support_notes": gettext_lazy("Notes on support needs"),
    "voices": gettext_lazy("What the child says"),
    "recorded_on": gettext_lazy("Date"),
    "wishes": gettext_lazy("What the child wants"),
    "worries": gettext_lazy("Worries"),
    "youth_care_referrals": gettext_lazy("Youth-care referrals"),
    "psych_support": gettext_lazy("Referrals for psychological support"),
    "outcome": gettext_lazy("Outcome"),
    "provider": gettext_lazy("Provider"),
    "referred_on": gettext_lazy("Referred on"),
    "started_on": gettext_lazy("Started on"),
    "ended_on": gettext_lazy("Ended on"),
    "veerkracht": gettext_lazy("Veerkracht"),
    "form": gettext_lazy("Form"),
    "phase": gettext_lazy("Phase"),
    "sessions_attended": gettext_lazy("Sessions attended"),
    "reason_not_offered": gettext_lazy("Reason not offered"),
    "plans": gettext_lazy("Plans"),
    "plan_consents": gettext_lazy("Consent for sharing the plan with chain partners"),
    "shared_with": gettext_lazy("Shared with"),
    "given_on": gettext_lazy("Given on"),
    "withdrawn_on": gettext_lazy("Withdrawn on"),
    "closed_on": gettext_lazy("Closed on"),
    "who_supports_the_direction": gettext_lazy("Who supports the family's direction"),
    "versions": gettext_lazy("Versions"),
    "version": gettext_lazy("Version"),
    "state": gettext_lazy("State"),
    "agreed_on": gettext_lazy("Agreed on"),
    "perspective": gettext_lazy("What do we want to have achieved when we leave the shelter?"),
    "strengths": gettext_lazy("What goes well"),
    "if_things_go_differently": gettext_lazy("What we do if things go differently"),
    "next_review_on": gettext_lazy("Next review"),
    "circle": gettext_lazy("Circle"),
    "name": gettext_lazy("Name"),
    "relation": gettext_lazy("Relation"),
    "role": gettext_lazy("Role"),
    "agreed": gettext_lazy("Agreement"),
    "goals": gettext_lazy("Goals"),
    "for": gettext_lazy("For"),
    "domain": gettext_lazy("Topic"),
    "goal": gettext_lazy("Goal"),
    "target_on": gettext_lazy("Target date"),
    "progress": gettext_lazy("Progress"),
    "actions": gettext_lazy("Actions"),
    "what": gettext_lazy("What"),
    "who": gettext_lazy("Who"),
    "due_on": gettext_lazy("By when"),
    "done_on": gettext_lazy("Done on"),
    "case_notes": gettext_lazy("Case notes"),
    "contact_at": gettext_lazy("Date and time of the contact"),
    "about": gettext_lazy("About"),
    "author": gettext_lazy("Written by"),
    "text": gettext_lazy("Text of the note"),
    "corrects": gettext_lazy("Corrects the note of"),
    "follow_ups": gettext_lazy("Follow-ups"),
}
# Top-level sections in the order the PDF shows them.
EXPORT_SECTIONS = (
    "household",
    "child",
    "adults",
    "applications",
    "stays",
    "handovers",
    "suspensions",
    "aftercare",
    "aftercare_plans",
    "trajectories",
    "zrm",
    "children",
    "plans",
    "plan_consents",
    "case_notes",
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _label(key: str) -> str:
    return str(EXPORT_LABELS.get(key, key.replace("_", " ").capitalize()))


def _marker(value: dict) -> str | None:
    """A third party or a withheld part as one readable line."""
    if value.get("withheld"):
        return _("Left out: %(reason)s") % {"reason": value.get("reason", "")}
    if value.get("third_party"):
        described = ", ".join(str(value[k]) for k in ("relation", "organisation", "role") if value.get(k))
        return _("Someone else (%(description)s)") % {"description": described or WITHHELD_THIRD_PARTY}
    return None


def _display(value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and _ISO_DATE.match(value):
        return date_format(dt.date.fromisoformat(value), "j F Y")
    if isinstance(value, dict):
        return _marker(value) or "; ".join(f"{_label(k)}: {_display(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_display(v) for v in value)
    return str(value)


def _is_block(value) -> bool:
    """A value that gets its own heading in the PDF rather than one table cell."""
    if isinstance(value, dict):
        return _marker(value) is None and (any(isinstance(v, (dict, list)) for v in value.values()) or len(value) > 3)
    if isinstance(value, list):
        return any(isinstance(v, dict) and _marker(v) is None for v in value)
    return False


def _node(title: str, value, level: int) -> dict:
    node: dict[str, Any] = {"title": title, "level": min(level, 5), "rows": [], "children": []}
    if isinstance(value, list):
        for number, item in enumerate(value, 1):
            node["children"].append(_node(f"{title} {number}", item, level + 1))
        return node
    for key, item in value.items():
        if _is_block(item):
            node["children"].append(_node(_label(key), item, level + 1))
        else:
            node["rows"].append((_label(key), _display(item)))
    return node


def export_document(data: dict) -> list[dict]:
    """The export as nested sections (title, level, rows, children) for the PDF template."""
    sections = []
    for key in EXPORT_SECTIONS:
        if key in data:
            value = data[key]
            section = _node(_label(key), value, 2)
            section["empty"] = value in ([], {})
            sections.append(section)
    return sections
