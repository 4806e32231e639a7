"""Trajectory support through the browser's eyes (client tests): a caseworker starts a trajectory
held by a professional of another organisation (the handovers' consent rule), the holder sees and
works on that trajectory only, never the rest of the file; pilots and the admission's proposal."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from cases.constants import ShelterReason
from opvang.constants import OrganisationKind, Role
from opvang.tests.factories import OrganisationFactory, UserFactory
from outflow import services
from outflow.models import Pilot, PilotMember, Trajectory, TrajectoryAction, TrajectoryGoal

pytestmark = pytest.mark.django_db
DAY = "2026-11-02"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def provider_holder():
    """A professional of the chain partner that runs the pilot (another organisation)."""
    provider = OrganisationFactory(name="Kwintes", kind=OrganisationKind.CHAIN_PARTNER)
    return UserFactory(username="kwintes", organisation=provider, role=Role.CHAIN_PARTNER, first_name="Kim")


def _start_data(world, holder, **extra) -> dict:
    return {
        "adult": world.household_a1.adults.first().pk,
        "holder": holder.pk,
        "started_on": DAY,
        "goal": "Werk en een eigen woning",
        "waiting_list_since": "2026-10-01",
        **extra,
    }


def test_a_holder_of_another_organisation_needs_the_clients_consent(client, world, provider_holder) -> None:
    client.force_login(world.caseworker)
    url = reverse("outflow:trajectory_start", args=[world.household_a1.pk])

    response = client.post(url, _start_data(world, provider_holder))
    assert response.status_code == 200
    assert "toestemming van de cliënt is nodig" in response.content.decode()
    assert not Trajectory.objects.exists()

    response = client.post(url, _start_data(world, provider_holder, consent_given="on"))
    assert response.status_code == 302
    trajectory = Trajectory.objects.get()
    assert (trajectory.holder, trajectory.consent_given) == (provider_holder, True)
    assert trajectory.waiting_list_since == datetime.date(2026, 10, 1)
    assert response["Location"] == reverse("outflow:trajectory_detail", args=[trajectory.pk])


def test_a_caseworker_cannot_override_missing_consent_a_team_lead_can_with_a_reason(
    client, world, provider_holder
) -> None:
    url = reverse("outflow:trajectory_start", args=[world.household_a1.pk])
    client.force_login(world.caseworker)
    client.post(url, _start_data(world, provider_holder, consent_override_reason="Crisis"))
    assert not Trajectory.objects.exists()

    client.force_login(world.team_lead)
    response = client.post(url, _start_data(world, provider_holder))
    assert response.status_code == 200 and not Trajectory.objects.exists()
    response = client.post(url, _start_data(world, provider_holder, consent_override_reason="Cliënt onbereikbaar"))
    assert response.status_code == 302
    trajectory = Trajectory.objects.get()
    assert trajectory.consent_override_by == world.team_lead
    assert trajectory.consent_override_reason == "Cliënt onbereikbaar"


def test_a_holder_of_the_own_organisation_needs_no_consent(client, world) -> None:
    client.force_login(world.caseworker)
    response = client.post(
        reverse("outflow:trajectory_start", args=[world.household_a1.pk]), _start_data(world, world.colleague)
    )
    assert response.status_code == 302
    assert Trajectory.objects.get().holder == world.colleague


def test_the_holder_sees_and_works_on_the_trajectory_but_not_the_file(client, world, provider_holder) -> None:
    household = world.household_a1
    trajectory = services.trajectory_start(
        household=household,
        adult=household.adults.first(),
        holder=provider_holder,
        by=world.caseworker,
        started_on=datetime.date(2026, 11, 2),
        goal="Werk vinden",
        consent_given=True,
    )
    client.force_login(provider_holder)

    mine = client.get(reverse("outflow:my_trajectories")).content.decode()
    assert reverse("outflow:trajectory_detail", args=[trajectory.pk]) in mine
    page = client.get(reverse("outflow:trajectory_detail", args=[trajectory.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Werk vinden" in body
    # No way into the file: no link, and the file itself is not found.
    assert reverse("cases:household_detail", args=[household.pk]) not in body
    assert client.get(reverse("cases:household_detail", args=[household.pk])).status_code == 404
    assert client.get(reverse("outflow:trajectory_start", args=[household.pk])).status_code == 404
    assert client.get(reverse("outflow:pilot_member_add", args=[household.pk])).status_code == 404

    response = client.post(reverse("outflow:trajectory_goal_add", args=[trajectory.pk]), {"text": "Inkomen"})
    assert response.status_code == 302
    goal = TrajectoryGoal.objects.get(trajectory=trajectory)
    response = client.post(
        reverse("outflow:trajectory_action_add", args=[trajectory.pk]),
        {"goal": goal.pk, "what": "Aanmelden bij het werkgeversservicepunt", "owner": "Kim", "due_on": "2026-12-15"},
    )
    assert response.status_code == 302
    action = TrajectoryAction.objects.get(goal=goal)
    client.post(reverse("outflow:trajectory_action_status", args=[trajectory.pk, action.pk]), {"status": "done"})
    client.post(reverse("outflow:trajectory_goal_status", args=[trajectory.pk, goal.pk]), {"status": "achieved"})
    action.refresh_from_db()
    goal.refresh_from_db()
    assert (action.status, goal.status) == ("done", "achieved")

    response = client.post(
        reverse("outflow:trajectory_end", args=[trajectory.pk]),
        {"ended_on": "2026-11-20", "result": "income", "result_notes": "Vaste baan"},
    )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.ended_on, trajectory.result) == (datetime.date(2026, 11, 20), "income")
    # Ended: the holder still reads it, but changes nothing any more.
    assert client.get(reverse("outflow:trajectory_detail", args=[trajectory.pk])).status_code == 200
    assert client.get(reverse("outflow:trajectory_goal_add", args=[trajectory.pk])).status_code == 404


def test_another_trajectory_of_the_household_stays_closed_to_the_holder(client, world, provider_holder) -> None:
    household = world.household_a1
    other = services.trajectory_start(
        household=household,
        adult=household.adults.first(),
        holder=world.colleague,
        by=world.caseworker,
        started_on=datetime.date(2026, 11, 2),
        goal="Schulden",
    )
    client.force_login(provider_holder)
    assert client.get(reverse("outflow:trajectory_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("outflow:my_trajectories")).content.decode().count("Schulden") == 0


def test_the_household_page_shows_the_trajectory_card(client, world) -> None:
    household = world.household_a1
    services.trajectory_start(
        household=household,
        adult=household.adults.first(),
        holder=world.colleague,
        by=world.caseworker,
        started_on=datetime.date(2026, 11, 2),
        goal="Werk",
    )
    client.force_login(world.caseworker)
    page = client.get(reverse("cases:household_detail", args=[household.pk])).content.decode()
    assert "Trajectbegeleiding" in page
    assert reverse("outflow:trajectory_start", args=[household.pk]) in page


def test_one_open_trajectory_per_adult(world) -> None:
    household = world.household_a1
    adult = household.adults.first()
    data = dict(household=household, adult=adult, holder=world.colleague, by=world.caseworker, goal="Werk")
    services.trajectory_start(started_on=datetime.date(2026, 11, 2), **data)
    with pytest.raises(Exception, match="al een lopend traject"):
        services.trajectory_start(started_on=datetime.date(2026, 11, 3), **data)


def test_a_policy_officer_creates_a_pilot_evaluated_18_months_on(client, world) -> None:
    client.force_login(world.policy_officer)
    response = client.post(
        reverse("outflow:pilot_add"),
        {"name": "Pilot economisch daklozen", "target_group": "economic", "started_on": "2026-01-31"},
    )
    assert response.status_code == 302
    pilot = Pilot.objects.get()
    # 31 January + 18 months: 31 July 2027.
    assert pilot.evaluation_on == datetime.date(2027, 7, 31)
    assert "Pilot economisch daklozen" in client.get(reverse("reports:pilot_list")).content.decode()


def test_a_caseworker_marks_a_household_as_part_of_the_pilot(client, world) -> None:
    pilot = services.pilot_create(name="Pilot", started_on=datetime.date(2026, 6, 1))
    client.force_login(world.caseworker)
    url = reverse("outflow:pilot_member_add", args=[world.household_a1.pk])
    response = client.post(url, {"pilot": pilot.pk, "joined_on": "2026-05-31"})
    assert response.status_code == 200  # before the pilot started
    response = client.post(url, {"pilot": pilot.pk, "joined_on": "2026-06-01"})
    assert response.status_code == 302
    assert PilotMember.objects.get().joined_on == datetime.date(2026, 6, 1)
    response = client.post(url, {"pilot": pilot.pk, "joined_on": "2026-06-02"})
    assert response.status_code == 200 and PilotMember.objects.count() == 1


@pytest.mark.parametrize(("reason", "months"), [(ShelterReason.ECONOMIC, "6"), (ShelterReason.EVICTION, "3")])
def test_admission_proposes_6_months_for_the_economically_homeless(client, world, reason, months) -> None:
    household = world.household_a1
    household.reason = reason
    household.save(update_fields=["reason"])
    client.force_login(world.caseworker)
    form = client.get(reverse("cases:household_admit", args=[household.pk])).context["form"]
    assert str(form["months"].value()) == months


def test_my_trajectories_lists_60_in_a_fixed_number_of_queries(
    client, world, provider_holder, django_assert_max_num_queries
) -> None:
    from cases.tests.factories import AdultClientFactory, HouseholdFactory

    for n in range(60):
        household = HouseholdFactory(location=world.loc_a1, reference=f"HH-2026-9{n:04d}")
        Trajectory.objects.create(
            household=household,
            adult=AdultClientFactory(household=household),
            holder=provider_holder,
            consent_given=True,
            started_on=datetime.date(2026, 10, 1),
            goal=f"Doel {n}",
        )
    client.force_login(provider_holder)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("outflow:my_trajectories")).content.decode()
    assert page.count(reverse("outflow:trajectory_detail", args=[Trajectory.objects.first().pk])) == 1
    assert page.count("<td>Doel ") == 60


def test_a_new_holder_of_another_organisation_needs_consent_again(client, world, provider_holder) -> None:
    household = world.household_a1
    trajectory = services.trajectory_start(
        household=household,
        adult=household.adults.first(),
        holder=world.colleague,
        by=world.caseworker,
        started_on=datetime.date(2026, 11, 2),
        goal="Werk",
    )
    client.force_login(world.caseworker)
    url = reverse("outflow:trajectory_edit", args=[trajectory.pk])
    data = {"holder": provider_holder.pk, "started_on": "2026-11-02", "goal": "Werk"}
    assert client.post(url, data).status_code == 200
    trajectory.refresh_from_db()
    assert trajectory.holder == world.colleague
    assert client.post(url, {**data, "consent_given": "on"}).status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.holder, trajectory.consent_given) == (provider_holder, True)
    # The caseworker of the file keeps access to the trajectory.
    assert client.get(reverse("outflow:trajectory_detail", args=[trajectory.pk])).status_code == 200


def test_anonymising_the_household_wipes_the_trajectorys_words_and_keeps_its_skeleton(world) -> None:
    from privacy import services as privacy
    from privacy.constants import AnonymisationReason

    household = world.household_a1
    trajectory = services.trajectory_start(
        household=household,
        adult=household.adults.first(),
        holder=world.colleague,
        by=world.caseworker,
        started_on=datetime.date(2026, 11, 2),
        goal="Werk bij de bakker op de hoek",
    )
    goal = services.trajectory_goal_add(trajectory=trajectory, text="Schulden bij de buurman")
    action = services.trajectory_action_add(goal=goal, what="Bellen met tante Els", owner="Anna")
    services.trajectory_end(trajectory=trajectory, ended_on=datetime.date(2026, 11, 20), result="income")
    privacy.household_anonymise(household, reason=AnonymisationReason.RETENTION)
    trajectory.refresh_from_db()
    goal.refresh_from_db()
    action.refresh_from_db()
    assert (trajectory.goal, goal.text, action.what, action.owner) == (privacy.ANONYMISED,) * 4
    assert trajectory.result_notes == ""  # empty stays empty
    assert (trajectory.started_on, trajectory.ended_on, trajectory.result) == (
        datetime.date(2026, 11, 2),
        datetime.date(2026, 11, 20),
        "income",
    )


def test_the_avg_export_holds_the_trajectory_with_a_holder_elsewhere_as_organisation_only(
    world, provider_holder
) -> None:
    from privacy import export

    household = world.household_a1
    trajectory = services.trajectory_start(
        household=household,
        adult=household.adults.first(),
        holder=provider_holder,
        by=world.caseworker,
        started_on=datetime.date(2026, 11, 2),
        goal="Werk en een eigen woning",
        consent_given=True,
    )
    goal = services.trajectory_goal_add(trajectory=trajectory, text="Inkomen")
    services.trajectory_action_add(goal=goal, what="Aanmelden UWV", owner="Anna")
    (row,) = export.household_export_data(household)["trajectories"]
    assert row["goal_of_the_trajectory"] == "Werk en een eigen woning"
    assert row["trajectory_holder"] == {"organisation": "Kwintes", "role": "Ketenpartner", "third_party": True}
    assert row["trajectory_plan"][0]["actions"][0]["what"] == "Aanmelden UWV"
    # The export's document (the PDF's content) shows the section with its Dutch heading.
    document = export.export_document(export.household_export_data(household))
    assert "Trajectbegeleiding" in str(document)
