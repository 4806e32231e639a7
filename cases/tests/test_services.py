"""Each rule of the case file, tested through its service against the database."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cases import services
from cases.constants import (
    ApplicationDecision,
    BeschikkingKind,
    Destination,
    ExtensionReason,
    HandoverKind,
    HandoverStatus,
    HouseholdStatus,
    ShelterReason,
    SuspensionReason,
    ZrmDomain,
    ZrmMoment,
)
from cases.models import Household, Stay
from cases.services import AdultData, ChildData
from cases.tests.factories import AdultClientFactory, StayFactory
from children.tests.factories import ChildFactory
from opvang.locking import StaleVersion

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)
VALID_BSN = "111222333"
OTHER_BSN = "123456782"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def register(location, *, applied_on=datetime.date(2026, 11, 1), bsn=None, children=(), **kwargs):
    return services.household_register(
        location=location,
        reason=ShelterReason.EVICTION,
        municipality_of_origin="Haarlem",
        applied_on=applied_on,
        adults=[AdultData("Noor", "Bakker", datetime.date(1988, 4, 2), bsn=bsn)],
        children=children,
        **kwargs,
    )


def test_register_generates_reference_per_year(world):
    first = register(world.loc_a1)
    second = register(world.loc_a1, applied_on=datetime.date(2025, 6, 1))
    third = register(world.loc_a1)
    # The world fixture already holds HH-2026-00001..00003.
    assert first.reference == "HH-2026-00004"
    assert second.reference == "HH-2025-00001"
    assert third.reference == "HH-2026-00005"
    assert first.status == HouseholdStatus.WAITING
    assert first.applications.get().decision == ApplicationDecision.PENDING


def test_register_creates_children_through_child_register(world):
    household = register(world.loc_a1, children=[ChildData("Sem", "Bakker", datetime.date(2019, 1, 1))])
    assert [c.first_name for c in household.children.all()] == ["Sem"]


def test_register_needs_an_adult(world):
    with pytest.raises(ValidationError):
        services.household_register(
            location=world.loc_a1,
            reason=ShelterReason.EVICTION,
            municipality_of_origin="Haarlem",
            applied_on=TODAY,
            adults=[],
        )


def test_bsn_must_pass_the_eleven_proof(world):
    with pytest.raises(ValidationError) as error:
        register(world.loc_a1, bsn="123456789")
    assert "bsn" in error.value.message_dict


def test_bsn_is_stored_once_per_person(world):
    register(world.loc_a1, bsn=VALID_BSN)
    with pytest.raises(ValidationError) as error:
        register(world.loc_a2, bsn=VALID_BSN)
    assert "bsn" in error.value.message_dict


def test_birth_date_may_not_lie_in_the_future(world):
    with pytest.raises(ValidationError) as error:
        services.household_register(
            location=world.loc_a1,
            reason=ShelterReason.EVICTION,
            municipality_of_origin="Haarlem",
            applied_on=TODAY,
            adults=[AdultData("Noor", "Bakker", TODAY + datetime.timedelta(days=1))],
        )
    assert "date_of_birth" in error.value.message_dict


def admitted(location, *, admitted_on=datetime.date(2026, 11, 2), **kwargs):
    household = register(location, **kwargs)
    stay = services.household_admit(
        household=household, location=location, admitted_on=admitted_on, kind=BeschikkingKind.MO
    )
    return household, stay


def test_admit_creates_stay_and_beschikking_of_three_months(world):
    household, stay = admitted(world.loc_a1)
    beschikking = stay.beschikkingen.get()
    assert beschikking.end_on == datetime.date(2027, 2, 2)
    assert household.status == HouseholdStatus.IN_SHELTER
    assert stay.application.decision == ApplicationDecision.ADMITTED


def test_admit_six_months(world):
    household = register(world.loc_a1)
    stay = services.household_admit(
        household=household, location=world.loc_a1, admitted_on=datetime.date(2026, 11, 2), kind="vo", months=6
    )
    assert stay.beschikkingen.get().end_on == datetime.date(2027, 5, 2)


def test_admit_refuses_a_second_open_stay(world):
    household, _stay = admitted(world.loc_a1)
    with pytest.raises(ValidationError):
        services.household_admit(
            household=household, location=world.loc_a1, admitted_on=datetime.date(2026, 11, 20), kind="mo"
        )


def test_one_open_stay_is_also_a_database_constraint(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        StayFactory(household=world.household_a1)


def test_admit_refuses_overlap_with_an_earlier_stay(world):
    household, stay = admitted(
        world.loc_a1, admitted_on=datetime.date(2026, 10, 1), applied_on=datetime.date(2026, 9, 25)
    )
    services.stay_end(stay=stay, left_on=datetime.date(2026, 11, 10), destination=Destination.SOCIAL_RENT)
    services.application_add(household=household, location=world.loc_a1, applied_on=datetime.date(2026, 11, 5))
    with pytest.raises(ValidationError) as error:
        services.household_admit(
            household=household, location=world.loc_a1, admitted_on=datetime.date(2026, 11, 5), kind="mo"
        )
    assert "admitted_on" in error.value.message_dict


def test_left_on_not_before_admitted_on(world):
    _household, stay = admitted(world.loc_a1)
    with pytest.raises(ValidationError) as error:
        services.stay_end(stay=stay, left_on=datetime.date(2026, 11, 1), destination=Destination.SOCIAL_RENT)
    assert "left_on" in error.value.message_dict


def test_left_on_check_is_a_database_constraint(world):
    stay = Stay.objects.get(household=world.household_a1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Stay.objects.filter(pk=stay.pk).update(
            left_on=stay.admitted_on - datetime.timedelta(days=1), destination="unknown"
        )


def test_discharge_needs_a_destination_and_sets_status_left(world):
    household, stay = admitted(world.loc_a1)
    with pytest.raises(ValidationError):
        services.stay_end(stay=stay, left_on=TODAY, destination="")
    services.stay_end(stay=stay, left_on=TODAY, destination=Destination.PRIVATE_RENT)
    household.refresh_from_db()
    assert household.status == HouseholdStatus.LEFT


def test_beschikking_end_must_be_after_start(world):
    household = register(world.loc_a1)
    with pytest.raises(ValidationError):
        services.household_admit(
            household=household,
            location=world.loc_a1,
            admitted_on=datetime.date(2026, 11, 2),
            kind="mo",
            end_on=datetime.date(2026, 11, 2),
        )


def test_extension_needs_reason_and_later_end(world):
    _household, stay = admitted(world.loc_a1)
    beschikking = stay.beschikkingen.get()
    with pytest.raises(ValidationError):
        services.beschikking_extend(
            beschikking=beschikking, new_end_on=datetime.date(2027, 5, 2), reason="", by=world.caseworker
        )
    with pytest.raises(ValidationError):
        services.beschikking_extend(
            beschikking=beschikking,
            new_end_on=datetime.date(2027, 1, 1),
            reason=ExtensionReason.SAFETY,
            by=world.caseworker,
        )
    extension = services.beschikking_extend(
        beschikking=beschikking,
        new_end_on=datetime.date(2027, 5, 2),
        reason=ExtensionReason.NO_OUTFLOW,
        by=world.caseworker,
    )
    beschikking.refresh_from_db()
    assert beschikking.end_on == datetime.date(2027, 5, 2)
    assert beschikking.original_end_on == datetime.date(2027, 2, 2)
    assert extension.previous_end_on == datetime.date(2027, 2, 2)


def test_new_application_within_12_months_after_leaving_is_a_relapse(world):
    household, stay = admitted(
        world.loc_a1, admitted_on=datetime.date(2025, 12, 1), applied_on=datetime.date(2025, 11, 20)
    )
    services.stay_end(stay=stay, left_on=datetime.date(2026, 3, 1), destination=Destination.SOCIAL_RENT)
    application = services.application_add(household=household, location=world.loc_a1, applied_on=TODAY)
    assert application.relapse_of == stay
    household.refresh_from_db()
    assert household.status == HouseholdStatus.WAITING


def test_application_more_than_12_months_after_leaving_is_no_relapse(world):
    household, stay = admitted(
        world.loc_a1, admitted_on=datetime.date(2025, 6, 1), applied_on=datetime.date(2025, 5, 20)
    )
    services.stay_end(stay=stay, left_on=datetime.date(2025, 10, 1), destination=Destination.SOCIAL_RENT)
    application = services.application_add(household=household, location=world.loc_a1, applied_on=TODAY)
    assert application.relapse_of is None


def test_direct_admission_without_application_records_one(world):
    household = register(world.loc_a1)
    services.application_decide(
        application=household.applications.get(), decision=ApplicationDecision.WITHDRAWN, decided_on=TODAY
    )
    household.refresh_from_db()
    assert household.status == HouseholdStatus.CLOSED
    services.household_admit(household=household, location=world.loc_a1, admitted_on=TODAY, kind="vo")
    assert household.applications.count() == 2


def handover_for(world, **kwargs):
    defaults = {
        "household": world.household_a1,
        "by": world.caseworker,
        "to_organisation": world.org_b,
        "planned_on": TODAY,
        "consent_given": True,
    }
    return services.handover_propose(**{**defaults, **kwargs})


def test_handover_needs_parent_consent(world):
    with pytest.raises(ValidationError):
        handover_for(world, consent_given=False)


def test_handover_needs_consent_of_a_child_from_12(world):
    teen = ChildFactory(household=world.household_a1, date_of_birth=datetime.date(2013, 1, 1))
    with pytest.raises(ValidationError):
        handover_for(world, children=[teen])
    handover = handover_for(world, children=[teen], child_consent_given=True)
    assert list(handover.children.all()) == [teen]


def test_young_child_needs_no_own_consent(world):
    young = world.household_a1.children.get()
    assert handover_for(world, children=[young]).status == HandoverStatus.PROPOSED


def test_caseworker_cannot_override_missing_consent(world):
    with pytest.raises(ValidationError):
        handover_for(world, consent_given=False, consent_override_reason="Acute onveilig")


def test_team_lead_overrides_missing_consent_with_reason(world):
    with pytest.raises(ValidationError):
        handover_for(world, by=world.team_lead, consent_given=False)
    handover = handover_for(world, by=world.team_lead, consent_given=False, consent_override_reason="Acute dreiging")
    assert handover.consent_override_by == world.team_lead
    assert handover.consent_override_reason == "Acute dreiging"


def test_handover_cannot_be_confirmed_by_its_sender(world):
    handover = handover_for(world)
    for sender_side in (world.caseworker, world.colleague, world.team_lead):
        with pytest.raises(ValidationError):
            services.handover_accept(handover=handover, by=sender_side)
    with pytest.raises(ValidationError):
        services.handover_reject(handover=handover, by=world.caseworker, reason="nee")


def test_receiving_side_accepts_and_then_completes(world):
    handover = handover_for(world, kind=HandoverKind.COLD)
    services.handover_accept(handover=handover, by=world.outsider)
    assert handover.status == HandoverStatus.ACCEPTED
    assert handover.accepted_on == TODAY
    assert handover.to_professional == world.outsider
    services.handover_complete(handover=handover, by=world.caseworker)
    assert handover.status == HandoverStatus.COMPLETED


def test_warm_handover_of_children_completes_only_after_meeting_each_child(world):
    handover = handover_for(world, children=list(world.household_a1.children.all()))
    services.handover_accept(handover=handover, by=world.outsider)
    with pytest.raises(ValidationError):
        services.handover_complete(handover=handover, by=world.outsider)
    services.handover_complete(handover=handover, by=world.outsider, met_each_child=True)
    assert handover.status == HandoverStatus.COMPLETED


def test_rejection_needs_a_reason(world):
    handover = handover_for(world)
    with pytest.raises(ValidationError):
        services.handover_reject(handover=handover, by=world.outsider, reason=" ")
    services.handover_reject(handover=handover, by=world.outsider, reason="Geen plek")
    assert handover.status == HandoverStatus.REJECTED


def test_sender_revokes_while_open_but_not_after_completion(world):
    handover = handover_for(world)
    with pytest.raises(ValidationError):
        services.handover_revoke(handover=handover, by=world.outsider)
    services.handover_revoke(handover=handover, by=world.caseworker)
    assert handover.status == HandoverStatus.REVOKED
    other = handover_for(world, kind=HandoverKind.COLD)
    services.handover_accept(handover=other, by=world.outsider)
    services.handover_complete(handover=other, by=world.outsider)
    with pytest.raises(ValidationError):
        services.handover_revoke(handover=other, by=world.caseworker)


def test_suspension_records_affected_children(world):
    household = world.household_a1
    child = household.children.get()
    suspension = services.suspension_record(
        household=household,
        adult=household.adults.get(),
        location=world.loc_a1,
        start_on=TODAY,
        end_on=TODAY + datetime.timedelta(days=3),
        reason=SuspensionReason.HOUSE_RULES,
        decided_by=world.team_lead,
        children_affected=[services.AffectedChild(child, "Bij oma")],
    )
    assert suspension.children_affected.get().stayed_at == "Bij oma"


def test_suspension_of_an_adult_of_another_household_is_refused(world):
    with pytest.raises(ValidationError):
        services.suspension_record(
            household=world.household_a1,
            adult=world.household_a2.adults.get(),
            location=world.loc_a1,
            start_on=TODAY,
            reason=SuspensionReason.OTHER,
            decided_by=world.team_lead,
        )


def test_aftercare_after_departure_sets_status(world):
    household, stay = admitted(world.loc_a1)
    with pytest.raises(ValidationError):
        services.aftercare_record(household=household, contact_on=TODAY, kind="phone", by=world.caseworker)
    services.stay_end(stay=stay, left_on=datetime.date(2026, 11, 20), destination=Destination.SOCIAL_RENT)
    services.aftercare_record(household=household, contact_on=TODAY, kind="phone", by=world.caseworker)
    household.refresh_from_db()
    assert household.status == HouseholdStatus.AFTERCARE


def test_zrm_stores_one_score_per_domain(world):
    adult = world.household_a1.adults.get()
    assessment = services.zrm_record(
        adult=adult, assessed_on=TODAY, moment=ZrmMoment.INTAKE, scores={ZrmDomain.HOUSING: 1}, by=world.caseworker
    )
    assert assessment.scores.count() == 13
    assert assessment.scores.get(domain=ZrmDomain.HOUSING).score == 1
    with_parenting = services.zrm_record(
        adult=adult, assessed_on=TODAY, moment=ZrmMoment.EXIT, scores={ZrmDomain.PARENTING: 3}, by=world.caseworker
    )
    assert with_parenting.scores.count() == 14


def test_zrm_score_outside_one_to_five_is_refused(world):
    with pytest.raises(ValidationError):
        services.zrm_record(
            adult=world.household_a1.adults.get(),
            assessed_on=TODAY,
            moment=ZrmMoment.INTAKE,
            scores={ZrmDomain.HOUSING: 6},
            by=world.caseworker,
        )


def test_household_update_with_stale_version_is_refused(world):
    household = world.household_a1
    services.household_update(
        household=household, expected_version=1, by=world.caseworker, may_see_safety=True, safety_notes="Let op"
    )
    stale = Household.objects.get(pk=household.pk)
    stale.version = 1
    with pytest.raises(StaleVersion):
        services.household_update(
            household=stale, expected_version=1, by=world.caseworker, may_see_safety=True, reason="other"
        )


def test_household_update_ignores_safety_fields_for_users_without_the_right(world):
    household = world.household_a1
    services.household_update(
        household=household, expected_version=1, by=world.caseworker, may_see_safety=False, safety_notes="Geheim"
    )
    household.refresh_from_db()
    assert household.safety_notes == ""


def test_close_refused_while_in_shelter(world):
    with pytest.raises(ValidationError):
        services.household_close(household=world.household_a1, by=world.caseworker)


def test_adult_add_refuses_existing_bsn(world):
    AdultClientFactory(household=world.household_a2, bsn=VALID_BSN)
    with pytest.raises(ValidationError):
        services.adult_add(
            household=world.household_a1, data=AdultData("A", "B", datetime.date(1990, 1, 1), bsn=VALID_BSN)
        )


# --- Changing an adult's details -----------------------------------------------------------------


def update_adult(adult, **overrides):
    values = {
        "first_name": adult.first_name,
        "last_name": adult.last_name,
        "date_of_birth": adult.date_of_birth,
        "bsn": adult.bsn,
        "phone": adult.phone,
        "email": adult.email,
        "caseworker": adult.caseworker,
    } | overrides
    return services.adult_update(adult=adult, **values)


def test_adult_update_changes_the_details(world):
    adult = world.household_a1.adults.get()
    update_adult(
        adult,
        first_name=" Noor ",
        bsn=VALID_BSN,
        phone="06-12345678",
        email="noor@example.nl",
        caseworker=world.colleague,
    )
    adult.refresh_from_db()
    assert (adult.first_name, adult.bsn, adult.phone, adult.email) == (
        "Noor",
        VALID_BSN,
        "06-12345678",
        "noor@example.nl",
    )
    assert adult.caseworker == world.colleague


def test_adult_update_may_keep_its_own_bsn_and_clear_it(world):
    adult = AdultClientFactory(household=world.household_a1, bsn=VALID_BSN)
    update_adult(adult, phone="0201234567")
    assert adult.bsn == VALID_BSN
    update_adult(adult, bsn="")
    adult.refresh_from_db()
    assert adult.bsn is None


def test_adult_update_rejects_bsn_failing_the_eleven_proof(world):
    adult = world.household_a1.adults.get()
    with pytest.raises(ValidationError) as error:
        update_adult(adult, bsn="123456789")
    assert "bsn" in error.value.message_dict


def test_adult_update_rejects_bsn_of_another_adult(world):
    AdultClientFactory(household=world.household_b1, bsn=VALID_BSN)
    adult = world.household_a1.adults.get()
    with pytest.raises(ValidationError) as error:
        update_adult(adult, bsn=VALID_BSN)
    assert "bsn" in error.value.message_dict
    adult.refresh_from_db()
    assert adult.bsn is None


def test_adult_update_rejects_bsn_of_a_child(world):
    ChildFactory(household=world.household_a2, bsn=OTHER_BSN)
    with pytest.raises(ValidationError) as error:
        update_adult(world.household_a1.adults.get(), bsn=OTHER_BSN)
    assert "bsn" in error.value.message_dict


def test_adult_update_rejects_birth_date_in_the_future(world):
    with pytest.raises(ValidationError) as error:
        update_adult(world.household_a1.adults.get(), date_of_birth=TODAY + datetime.timedelta(days=1))
    assert "date_of_birth" in error.value.message_dict


@pytest.mark.parametrize("who", ["outsider", "policy_officer", "inactive", "admin"])
def test_adult_update_rejects_a_caseworker_who_is_not_a_candidate(world, who):
    with pytest.raises(ValidationError) as error:
        update_adult(world.household_a1.adults.get(), caseworker=getattr(world, who))
    assert "caseworker" in error.value.message_dict


def test_adult_update_keeps_an_assigned_caseworker_who_is_no_longer_a_candidate(world):
    adult = AdultClientFactory(household=world.household_a1, caseworker=world.inactive)
    update_adult(adult, phone="0201234567")
    adult.refresh_from_db()
    assert adult.caseworker == world.inactive and adult.phone == "0201234567"
