import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cases.models import Involvement
from cases.tests.factories import AdultClientFactory
from children import services
from children.constants import VeerkrachtForm, YouthCareKind
from children.models import Child
from children.tests.factories import YouthCareReferralFactory
from opvang.locking import StaleVersion

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 1)
VALID_BSN = "111222333"
OTHER_VALID_BSN = "123456782"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, 0), tick=False):
        yield


@pytest.fixture
def child(world) -> Child:
    return world.household_a1.children.get()


def register(world, **overrides) -> Child:
    values = {
        "household": world.household_a1,
        "first_name": "Noor",
        "last_name": "Bakker",
        "date_of_birth": datetime.date(2019, 6, 1),
    } | overrides
    return services.child_register(**values)


# --- registering and changing the child's file ---------------------------------------------------


def test_register_child_with_valid_bsn(world) -> None:
    child = register(world, bsn=VALID_BSN)
    assert child.pk and child.bsn == VALID_BSN


def test_register_rejects_birth_date_in_the_future(world) -> None:
    with pytest.raises(ValidationError) as error:
        register(world, date_of_birth=datetime.date(2026, 3, 2))
    assert "date_of_birth" in error.value.message_dict


def test_register_rejects_a_person_of_18(world) -> None:
    with pytest.raises(ValidationError) as error:
        register(world, date_of_birth=datetime.date(2008, 3, 1))
    assert "date_of_birth" in error.value.message_dict


def test_register_accepts_a_child_one_day_before_18(world) -> None:
    assert register(world, date_of_birth=datetime.date(2008, 3, 2)).pk


def test_register_rejects_bsn_failing_the_11_proof(world) -> None:
    with pytest.raises(ValidationError) as error:
        register(world, bsn="123456789")
    assert "bsn" in error.value.message_dict


def test_register_rejects_bsn_of_another_child(world) -> None:
    register(world, bsn=VALID_BSN)
    with pytest.raises(ValidationError) as error:
        register(world, first_name="Sem", bsn=VALID_BSN)
    assert "bsn" in error.value.message_dict


def test_register_rejects_bsn_of_an_adult_client(world) -> None:
    AdultClientFactory(household=world.household_a1, bsn=VALID_BSN)
    with pytest.raises(ValidationError):
        register(world, bsn=VALID_BSN)


def test_update_changes_fields_and_version(child) -> None:
    services.child_update(
        child=child, expected_version=1, school_name="De Regenboog", school_continued=True, support_needs=["trauma"]
    )
    child.refresh_from_db()
    assert (child.school_name, child.school_continued, child.support_needs, child.version) == (
        "De Regenboog",
        True,
        ["trauma"],
        2,
    )


def test_update_with_an_old_version_raises_stale_version(child) -> None:
    services.child_update(child=child, expected_version=1, school_name="A")
    with pytest.raises(StaleVersion):
        services.child_update(child=Child.objects.get(pk=child.pk), expected_version=1, school_name="B")
    assert Child.objects.get(pk=child.pk).school_name == "A"


def test_update_rejects_birth_date_making_an_adult_at_admission(child) -> None:
    # Admitted 10 January 2026: born 1 January 2008 makes 18 at admission.
    with pytest.raises(ValidationError):
        services.child_update(child=child, expected_version=1, date_of_birth=datetime.date(2008, 1, 1))


def test_update_rejects_bsn_of_another_child(world, child) -> None:
    register(world, bsn=VALID_BSN)
    with pytest.raises(ValidationError):
        services.child_update(child=child, expected_version=1, bsn=VALID_BSN)


def test_update_cannot_touch_the_safety_section(child) -> None:
    with pytest.raises(TypeError):
        services.child_update(child=child, expected_version=1, protection_concerns="x")


def test_update_rejects_unknown_support_need(child) -> None:
    with pytest.raises(ValidationError):
        services.child_update(child=child, expected_version=1, support_needs=["astrology"])


# --- intake and mentor ---------------------------------------------------------------------------


def test_mentor_from_another_organisation_is_rejected(world, child) -> None:
    with pytest.raises(ValidationError) as error:
        services.child_assign_mentor(child=child, mentor=world.outsider)
    assert "mentor" in error.value.message_dict


def test_policy_officer_cannot_be_mentor(world, child) -> None:
    with pytest.raises(ValidationError):
        services.child_assign_mentor(child=child, mentor=world.policy_officer)


def test_inactive_user_cannot_be_mentor(world, child) -> None:
    with pytest.raises(ValidationError):
        services.child_assign_mentor(child=child, mentor=world.inactive)


def test_assigning_a_mentor_opens_an_involvement(world, child) -> None:
    services.child_assign_mentor(child=child, mentor=world.caseworker, on=datetime.date(2026, 1, 12))
    involvement = Involvement.objects.get(child=child)
    assert (involvement.user, involvement.started_on, involvement.ended_on) == (
        world.caseworker,
        datetime.date(2026, 1, 12),
        None,
    )


def test_new_mentor_ends_the_previous_mentors_involvement(world, child) -> None:
    services.child_assign_mentor(child=child, mentor=world.caseworker, on=datetime.date(2026, 1, 12))
    services.child_assign_mentor(child=child, mentor=world.team_lead, on=datetime.date(2026, 2, 1))
    assert Child.objects.get(pk=child.pk).mentor == world.team_lead
    ended = Involvement.objects.get(child=child, user=world.caseworker)
    assert ended.ended_on == datetime.date(2026, 2, 1)
    assert Involvement.objects.filter(child=child, user=world.team_lead, ended_on=None).exists()


def test_same_mentor_again_opens_no_second_involvement(world, child) -> None:
    services.child_assign_mentor(child=child, mentor=world.caseworker)
    services.child_assign_mentor(child=child, mentor=world.caseworker)
    assert Involvement.objects.filter(child=child).count() == 1


# --- the child's voice ---------------------------------------------------------------------------


def test_voice_needs_wishes_or_worries(world, child) -> None:
    with pytest.raises(ValidationError):
        services.child_voice_add(child=child, recorded_on=TODAY, wishes=" ", worries="", recorded_by=world.caseworker)


def test_voice_entries_build_up_over_time(world, child) -> None:
    services.child_voice_add(
        child=child, recorded_on=datetime.date(2026, 1, 20), wishes="Naar school", recorded_by=world.caseworker
    )
    services.child_voice_add(child=child, recorded_on=TODAY, worries="Papa", recorded_by=world.colleague)
    assert [v.recorded_on for v in child.voices.all()] == [TODAY, datetime.date(2026, 1, 20)]


def test_voice_in_the_future_is_rejected(world, child) -> None:
    with pytest.raises(ValidationError):
        services.child_voice_add(
            child=child, recorded_on=TODAY + datetime.timedelta(days=1), wishes="x", recorded_by=world.caseworker
        )


# --- youth care ----------------------------------------------------------------------------------


def test_referral_start_and_end(child) -> None:
    referral = services.youth_care_refer(
        child=child, provider="Jeugdhulp", kind=YouthCareKind.TRAUMA_TREATMENT, referred_on=datetime.date(2026, 1, 20)
    )
    services.youth_care_start(referral=referral, started_on=datetime.date(2026, 2, 3))
    services.youth_care_end(referral=referral, ended_on=datetime.date(2026, 2, 28))
    referral.refresh_from_db()
    assert (referral.started_on, referral.ended_on) == (datetime.date(2026, 2, 3), datetime.date(2026, 2, 28))


def test_referral_cannot_start_before_it_was_made(child) -> None:
    referral = YouthCareReferralFactory(child=child, referred_on=datetime.date(2026, 2, 1))
    with pytest.raises(ValidationError):
        services.youth_care_start(referral=referral, started_on=datetime.date(2026, 1, 31))


def test_referral_cannot_end_before_it_started(child) -> None:
    referral = YouthCareReferralFactory(child=child, started_on=datetime.date(2026, 2, 10))
    with pytest.raises(ValidationError):
        services.youth_care_end(referral=referral, ended_on=datetime.date(2026, 2, 9))


def test_referral_cannot_end_without_a_start(child) -> None:
    referral = YouthCareReferralFactory(child=child)
    with pytest.raises(ValidationError):
        services.youth_care_end(referral=referral, ended_on=TODAY)


def test_referral_with_unknown_kind_is_rejected(child) -> None:
    with pytest.raises(ValidationError):
        services.youth_care_refer(child=child, provider="X", kind="magic", referred_on=TODAY)


# --- Veerkracht ----------------------------------------------------------------------------------


def test_veerkracht_track_runs_its_course(child) -> None:
    track = services.veerkracht_start(child=child, form=VeerkrachtForm.GROUP, started_on=datetime.date(2026, 1, 20))
    services.veerkracht_update(track=track, phase=3, sessions_attended=8, ended_on=TODAY)
    track.refresh_from_db()
    assert (track.phase, track.sessions_attended, track.ended_on) == (3, 8, TODAY)


def test_veerkracht_only_one_open_track(child) -> None:
    services.veerkracht_start(child=child, form=VeerkrachtForm.GROUP, started_on=TODAY)
    with pytest.raises(ValidationError):
        services.veerkracht_start(child=child, form=VeerkrachtForm.INDIVIDUAL, started_on=TODAY)


def test_veerkracht_start_needs_individual_or_group(child) -> None:
    with pytest.raises(ValidationError):
        services.veerkracht_start(child=child, form=VeerkrachtForm.NOT_OFFERED, started_on=TODAY)


def test_veerkracht_cannot_end_before_start(child) -> None:
    track = services.veerkracht_start(child=child, form=VeerkrachtForm.GROUP, started_on=TODAY)
    with pytest.raises(ValidationError):
        services.veerkracht_update(
            track=track, phase=1, sessions_attended=0, ended_on=TODAY - datetime.timedelta(days=1)
        )


def test_veerkracht_not_offered_needs_a_reason(child) -> None:
    with pytest.raises(ValidationError):
        services.veerkracht_not_offered(child=child, reason="  ")


def test_veerkracht_not_offered_with_reason(child) -> None:
    track = services.veerkracht_not_offered(child=child, reason="Kind is 1 jaar oud")
    assert track.form == VeerkrachtForm.NOT_OFFERED and track.started_on is None


def test_veerkracht_not_offered_while_taking_part_is_rejected(child) -> None:
    services.veerkracht_start(child=child, form=VeerkrachtForm.GROUP, started_on=TODAY)
    with pytest.raises(ValidationError):
        services.veerkracht_not_offered(child=child, reason="x")


# --- meldcode ------------------------------------------------------------------------------------


def record_step(world, child, step, on=TODAY, **kwargs):
    return services.meldcode_step_record(child=child, step=step, done_on=on, recorded_by=world.caseworker, **kwargs)


def test_meldcode_must_start_at_step_1(world, child) -> None:
    with pytest.raises(ValidationError) as error:
        record_step(world, child, 2)
    assert "step" in error.value.message_dict


def test_meldcode_steps_go_in_order(world, child) -> None:
    record_step(world, child, 1, datetime.date(2026, 2, 1))
    with pytest.raises(ValidationError):
        record_step(world, child, 3)
    record_step(world, child, 2)
    assert list(child.meldcode_steps.values_list("step", flat=True)) == [1, 2]


def test_meldcode_step_cannot_be_dated_before_the_previous(world, child) -> None:
    record_step(world, child, 1, datetime.date(2026, 2, 10))
    with pytest.raises(ValidationError):
        record_step(world, child, 2, datetime.date(2026, 2, 9))


def test_meldcode_step_5_records_the_veilig_thuis_report(world, child) -> None:
    for step in (1, 2, 3, 4):
        record_step(world, child, step)
    record_step(world, child, 5, veilig_thuis_report=True)
    assert Child.objects.get(pk=child.pk).veilig_thuis_report is True


def test_veilig_thuis_report_only_at_step_5(world, child) -> None:
    with pytest.raises(ValidationError):
        record_step(world, child, 1, veilig_thuis_report=True)


def test_after_step_5_a_new_round_starts_at_1(world, child) -> None:
    for step in (1, 2, 3, 4, 5):
        record_step(world, child, step)
    record_step(world, child, 1)
    assert child.meldcode_steps.count() == 6


def test_safety_scale_above_10_is_rejected(child) -> None:
    with pytest.raises(ValidationError):
        services.child_safety_update(
            child=child, expected_version=1, protection_concerns="", safety_scale=11, veilig_thuis_report=False
        )


def test_safety_update_uses_optimistic_locking(child) -> None:
    services.child_safety_update(
        child=child, expected_version=1, protection_concerns="Zorgen", safety_scale=4, veilig_thuis_report=False
    )
    with pytest.raises(StaleVersion):
        services.child_safety_update(
            child=Child.objects.get(pk=child.pk),
            expected_version=1,
            protection_concerns="",
            safety_scale=None,
            veilig_thuis_report=False,
        )


# --- involvement ---------------------------------------------------------------------------------


def test_involvement_needs_exactly_one_client(world, child) -> None:
    adult = world.household_a1.adults.get()
    with pytest.raises(ValidationError):
        services.involvement_add(adult=adult, child=child, user=world.caseworker, role="x", started_on=TODAY)
    with pytest.raises(ValidationError):
        services.involvement_add(user=world.caseworker, role="x", started_on=TODAY)


def test_involvement_needs_a_professional(child) -> None:
    with pytest.raises(ValidationError):
        services.involvement_add(child=child, role="GP", started_on=TODAY)


def test_external_professional_needs_an_organisation(child) -> None:
    with pytest.raises(ValidationError) as error:
        services.involvement_add(child=child, external_name="Dr. Jansen", role="GP", started_on=TODAY)
    assert "external_organisation" in error.value.message_dict


def test_involvement_with_an_adult(world) -> None:
    adult = world.household_a1.adults.get()
    involvement = services.involvement_add(
        adult=adult, external_name="Els", external_organisation="SWT", role="wijkcoach", started_on=TODAY
    )
    assert involvement.adult == adult and involvement.child is None


def test_involvement_cannot_end_before_start_or_twice(world, child) -> None:
    involvement = services.involvement_add(child=child, user=world.colleague, role="x", started_on=TODAY)
    with pytest.raises(ValidationError):
        services.involvement_end(involvement=involvement, ended_on=TODAY - datetime.timedelta(days=1))
    services.involvement_end(involvement=involvement)
    with pytest.raises(ValidationError):
        services.involvement_end(involvement=involvement)
