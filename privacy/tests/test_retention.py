"""Retention: closed files are anonymised when their retention period ends, once, keeping the
statistical skeleton that reports count."""

from __future__ import annotations

import datetime
import itertools

import pytest
import time_machine
from auditlog.models import LogEntry
from celery import current_app
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from cases.constants import Destination, HouseholdStatus
from cases.models import AdultClient, Involvement, Stay
from cases.tests.factories import AdultClientFactory, HouseholdFactory, StayFactory
from children.models import Child
from children.tests.factories import ChildFactory, ChildVoiceFactory, YouthCareReferralFactory
from plans.tests.factories import GoalFactory, ParticipantFactory, PlanVersionFactory
from privacy import selectors, services
from privacy.constants import AnonymisationReason
from privacy.models import Anonymisation
from privacy.tasks import anonymise_due_files

TODAY = datetime.date(2026, 6, 15)
# References apart from the world fixture's HH-2026-0000n.
REFERENCES = (f"HH-1999-{n:05d}" for n in itertools.count(1))


def closed_household(location, *, left_on: datetime.date, children: int = 1, **adult):
    household = HouseholdFactory(location=location, status=HouseholdStatus.CLOSED, reference=next(REFERENCES))
    AdultClientFactory(household=household, **adult)
    for _ in range(children):
        ChildFactory(household=household, date_of_birth=left_on.replace(year=left_on.year - 6))
    StayFactory(
        household=household,
        admitted_on=left_on - datetime.timedelta(days=120),
        left_on=left_on,
        destination=Destination.SOCIAL_RENT,
    )
    return household


def due(today=TODAY) -> set[int]:
    return set(selectors.files_due_for_anonymisation(today).values_list("pk", flat=True))


def test_child_file_closed_21_years_ago_is_due_one_closed_5_years_ago_is_not(world) -> None:
    old = closed_household(world.loc_a1, left_on=datetime.date(2005, 3, 1))
    recent = closed_household(world.loc_a1, left_on=datetime.date(2021, 3, 1))
    assert old.pk in due()
    assert recent.pk not in due()


def test_children_keep_their_file_20_years_adults_15(world) -> None:
    with_child = closed_household(world.loc_a1, left_on=datetime.date(2009, 3, 1))
    adults_only = closed_household(world.loc_a1, left_on=datetime.date(2009, 3, 1), children=0)
    adults_recent = closed_household(world.loc_a1, left_on=datetime.date(2013, 3, 1), children=0)
    assert due() & {with_child.pk, adults_only.pk, adults_recent.pk} == {adults_only.pk}


def test_the_period_runs_from_the_end_of_the_youngest_childs_care(world) -> None:
    household = closed_household(world.loc_a1, left_on=datetime.date(2004, 3, 1))
    child = household.children.get()
    YouthCareReferralFactory(
        child=child,
        referred_on=datetime.date(2004, 1, 1),
        started_on=datetime.date(2004, 2, 1),
        ended_on=datetime.date(2008, 1, 1),
    )
    assert household.pk not in due()
    assert household.pk in due(datetime.date(2028, 1, 1))


def test_open_files_and_files_without_dates_are_never_due(world) -> None:
    open_file = closed_household(world.loc_a1, left_on=datetime.date(2001, 3, 1))
    open_file.status = HouseholdStatus.AFTERCARE
    open_file.save()
    no_dates = HouseholdFactory(location=world.loc_a1, status=HouseholdStatus.CLOSED, reference=next(REFERENCES))
    assert due() & {open_file.pk, no_dates.pk} == set()
    # The world's households are in shelter.
    assert due() & {world.household_a1.pk, world.household_b1.pk} == set()


def test_retention_can_be_lengthened_in_the_settings_but_not_shortened_below_the_law(world) -> None:
    household = closed_household(world.loc_a1, left_on=datetime.date(2005, 3, 1))
    with override_settings(OPVANG_RETENTION_YEARS_CHILD=25):
        assert household.pk not in due()
    with override_settings(OPVANG_RETENTION_YEARS_CHILD=10), pytest.raises(ImproperlyConfigured):
        due()


def test_anonymisation_removes_identities_and_stories_and_keeps_the_skeleton(world) -> None:
    household = closed_household(
        world.loc_a1, left_on=datetime.date(2005, 3, 1), first_name="Fatima", last_name="Yilmaz", bsn="111222333"
    )
    household.safety_notes = "Dader rijdt een rode auto"
    household.save()
    AdultClient.objects.filter(household=household).update(phone="0612345678", email="f@example.org")
    child = household.children.get()
    ChildVoiceFactory(child=child, recorded_on=datetime.date(2005, 1, 1), wishes="Naar opa")
    for name in ("Dr. A", "Dr. A", "Dr. B"):
        Involvement.objects.create(
            household=child.household,
            child=child,
            external_name=name,
            external_organisation="GGZ",
            role="arts",
            started_on=datetime.date(2005, 1, 1),
        )
    version = PlanVersionFactory(plan__household=household, perspective="Weg uit Zwolle")
    ParticipantFactory(plan_version=version, name="Buurman Piet", contact_details="06-1")
    GoalFactory(plan_version=version, text="Werk vinden bij de bakker")
    last_entry = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    stays_before = list(Stay.objects.filter(household=household).values("admitted_on", "left_on", "destination"))

    with time_machine.travel(datetime.datetime(2026, 6, 15, 3, 30), tick=False):
        assert anonymise_due_files() == 1

    adult = AdultClient.objects.get(household=household)
    assert (adult.first_name, adult.last_name, adult.bsn, adult.phone, adult.email) == (
        "Geanonimiseerd",
        "Geanonimiseerd",
        None,
        "",
        "",
    )
    assert adult.date_of_birth == datetime.date(1990, 1, 1)
    child = Child.objects.get(pk=child.pk)
    assert (child.first_name, child.date_of_birth) == ("Geanonimiseerd", datetime.date(1999, 1, 1))
    assert child.voices.get().wishes == "Geanonimiseerd"
    household.refresh_from_db()
    assert household.safety_notes == ""
    version.refresh_from_db()
    assert version.perspective == "Geanonimiseerd"
    assert version.participants.get().name == "Geanonimiseerd"
    assert version.participants.get().contact_details == ""
    assert version.goals.get().text == "Geanonimiseerd"
    # Reports still count: stays with dates and destinations, people, distinct professionals.
    assert (
        list(Stay.objects.filter(household=household).values("admitted_on", "left_on", "destination")) == stays_before
    )
    assert (household.adults.count(), household.children.count(), household.status) == (1, 1, HouseholdStatus.CLOSED)
    faces = {i.professional_key for i in Involvement.objects.filter(child=child)}
    assert len(faces) == 2
    assert "Dr. A" not in str(faces)

    anonymisation = Anonymisation.objects.get(household=household)
    assert anonymisation.reason == AnonymisationReason.RETENTION
    event = LogEntry.objects.get(additional_data__event="anonymised")
    assert event.additional_data["household"] == household.pk
    # The removed values are not copied into the log by the anonymisation itself.
    new_entries = LogEntry.objects.filter(pk__gt=last_entry)
    assert "Fatima" not in str(list(new_entries.values_list("changes", "changes_text", "additional_data")))


def test_running_twice_is_a_no_op(world) -> None:
    household = closed_household(world.loc_a1, left_on=datetime.date(2005, 3, 1))
    with time_machine.travel(datetime.datetime(2026, 6, 15, 3, 30), tick=False):
        assert anonymise_due_files() == 1
        entries = LogEntry.objects.count()
        assert anonymise_due_files() == 0
        assert anonymise_due_files(today="2026-06-15") == 0
    assert Anonymisation.objects.filter(household=household).count() == 1
    assert LogEntry.objects.count() == entries
    # The service itself returns the first record on a second call.
    assert services.household_anonymise(household, reason=AnonymisationReason.RETENTION) == Anonymisation.objects.get()


def test_a_file_closed_5_years_ago_is_left_alone(world) -> None:
    household = closed_household(world.loc_a1, left_on=datetime.date(2021, 3, 1), first_name="Sara")
    with time_machine.travel(datetime.datetime(2026, 6, 15, 3, 30), tick=False):
        assert anonymise_due_files() == 0
    assert household.adults.get().first_name == "Sara"
    assert not Anonymisation.objects.exists()


def test_the_task_is_registered_with_acks_late_and_scheduled_daily(world) -> None:
    assert anonymise_due_files.name == "privacy.tasks.anonymise_due_files"
    assert anonymise_due_files.acks_late is True
    assert anonymise_due_files.name in current_app.tasks
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-anonymise-due-files"]
    assert entry["task"] == anonymise_due_files.name
