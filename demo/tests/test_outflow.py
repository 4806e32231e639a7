"""The demo's housing outflow: quota for two years, households ready to move, one waiting long."""

from django.core.management import call_command

from cases.models import Stay, Suspension
from cases.selectors import caseload
from opvang.models import User
from outflow.models import HousingApplication, HousingQuota, ReadyToMove


def test_demo_has_quota_ready_households_and_the_signal(db) -> None:
    call_command("seed_demo", verbosity=0)
    assert HousingQuota.objects.values("year").distinct().count() == 2
    assert ReadyToMove.objects.count() == 3  # two at Velserpoort, one at MO Haarlemmermeer
    assert HousingApplication.objects.filter(offered_on__isnull=False).count() == 1
    assert Stay.objects.exclude(destination_municipality="").exists()
    caseworker = User.objects.get(username="begeleider")
    assert caseload(user=caseworker, today=None).filter(signal_ready_without_offer=True).exists()
    # The suspensions can be evaluated: heard, objected, returned, each child's arrangement.
    assert Suspension.objects.filter(heard="yes", objection_outcome="shortened", outcome="returned").exists()
    assert not Suspension.objects.filter(children_affected__arrangement="").exists()


def test_demo_has_aftercare_plans_lost_contact_and_a_safety_check_due(db) -> None:
    from outflow.models import AftercarePlan, SafetyCheck

    call_command("seed_demo", verbosity=0)
    assert AftercarePlan.objects.count() == Stay.objects.filter(household__status="aftercare").count()
    assert caseload(user=User.objects.get(username="begeleider"), today=None).filter(signal_contact_lost=True).exists()
    assert SafetyCheck.objects.filter(months=1, incidents=True).count() == 1
    vo = User.objects.get(username="begeleider.vo")
    assert caseload(user=vo, today=None).filter(signal_safety_check_due=True).exists()


def test_demo_has_a_pilot_with_households_and_trajectories(db) -> None:
    from outflow.models import Pilot, PilotMember, Trajectory

    call_command("seed_demo", verbosity=0)
    pilot = Pilot.objects.get(name="Trajectbegeleiding economisch daklozen")
    assert pilot.target_group == "economic"
    assert PilotMember.objects.filter(pilot=pilot).count() == 3
    trajectories = Trajectory.objects.select_related("holder", "household")
    assert trajectories.count() == 3
    held_elsewhere = [t for t in trajectories if t.holder.organisation_id != t.household.organisation_id]
    assert len(held_elsewhere) == 2 and all(t.consent_given for t in held_elsewhere)
    assert all(t.goals.get().actions.exists() for t in trajectories)
    # Idempotent: a second run adds nothing.
    call_command("seed_demo", verbosity=0)
    assert (Trajectory.objects.count(), PilotMember.objects.count()) == (3, 3)
