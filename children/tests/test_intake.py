"""The child's own intake conversation: draft and completion, the age-appropriate forms, the
restricted safety assessment that can start the meldcode, and the pages."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.constants import HandoverStatus
from cases.models import Handover
from cases.tests.factories import StayFactory
from children import selectors, services
from children.constants import IntakeStatus, IntakeVariant
from children.forms import IntakeForm
from children.models import Child, ChildIntake, MeldcodeStepRecord
from children.tests.factories import ChildFactory, VeerkrachtTrackFactory, complete_intake, intake_content

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 3, 1)
SECRET = "Kind vertelt dat vader slaat"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, 0), tick=False):
        yield


@pytest.fixture
def child(world) -> Child:
    return world.household_a1.children.get()  # born 1 March 2016: 10 today


def baby(world) -> Child:
    return ChildFactory(household=world.household_a1, first_name="Mila", date_of_birth=D(2025, 2, 1))


def teenager(world) -> Child:
    return ChildFactory(household=world.household_a1, first_name="Sem", date_of_birth=D(2012, 6, 1))


def errors(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


# --- services ------------------------------------------------------------------------------------


def test_the_form_follows_the_age_on_the_day_of_the_conversation(world, child) -> None:
    assert services.intake_variant_for(baby(world)) == IntakeVariant.OBSERVATION
    assert services.intake_variant_for(child) == IntakeVariant.CONVERSATION
    assert services.intake_variant_for(teenager(world)) == IntakeVariant.OWN_WORDS
    # Boundaries: 4 on the fourth birthday, 12 (the consent age) on the twelfth.
    four = ChildFactory(household=world.household_a1, date_of_birth=D(2022, 3, 1))
    assert services.intake_variant_for(four, D(2026, 2, 28)) == IntakeVariant.OBSERVATION
    assert services.intake_variant_for(four, D(2026, 3, 1)) == IntakeVariant.CONVERSATION
    twelve = ChildFactory(household=world.household_a1, date_of_birth=D(2014, 3, 1))
    assert services.intake_variant_for(twelve, D(2026, 2, 28)) == IntakeVariant.CONVERSATION
    assert services.intake_variant_for(twelve, D(2026, 3, 1)) == IntakeVariant.OWN_WORDS


def test_a_draft_is_saved_without_a_date_and_does_not_count(world, child) -> None:
    intake = services.child_intake_save(child=child, by=world.caseworker, answers={"wish": " Een hond "})
    assert (intake.status, intake.variant, intake.answers) == (IntakeStatus.DRAFT, "conversation", {"wish": "Een hond"})
    assert Child.objects.get(pk=child.pk).intake_on is None
    # Saving again continues the same draft.
    again = services.child_intake_save(child=child, by=world.caseworker, present="alone")
    assert again.pk == intake.pk and again.answers == {"wish": "Een hond"}
    assert ChildIntake.objects.filter(child=child).count() == 1


def test_completing_sets_the_intake_date_and_closes_the_intake(world, child) -> None:
    services.child_intake_save(child=child, by=world.caseworker, held_on=D(2026, 1, 15))
    intake = complete_intake(child, D(2026, 1, 15), by=world.caseworker)
    assert intake.status == IntakeStatus.COMPLETED
    assert (intake.held_by, intake.completed_by) == (world.caseworker, world.caseworker)
    assert Child.objects.get(pk=child.pk).intake_on == D(2026, 1, 15)
    with pytest.raises(ValidationError, match="afgerond|completed"):
        services.child_intake_save(child=child, by=world.caseworker, gp="Dr. Jansen")


def test_completion_asks_what_a_completed_intake_holds(world, child) -> None:
    with pytest.raises(ValidationError) as excinfo:
        services.child_intake_save(child=child, by=world.caseworker, complete=True)
    assert {"held_on", "present", "own_words", "needs", "custody", "other_parent_contact", "safety_signals"} >= (
        errors(excinfo)
    )
    assert "held_on" in errors(excinfo) or "safety_signals" in errors(excinfo)
    data = intake_content(child, D(2026, 1, 15)) | {"safety_signals": False}
    for missing in ("present", "custody", "other_parent_contact", "needs"):
        with pytest.raises(ValidationError) as excinfo:
            services.child_intake_save(child=child, by=world.caseworker, complete=True, **(data | {missing: None}))
        assert missing in errors(excinfo)
    assert not ChildIntake.objects.filter(child=child, status=IntakeStatus.COMPLETED).exists()


def test_dates_in_the_future_or_before_birth_are_refused(world, child) -> None:
    with pytest.raises(ValidationError) as excinfo:
        services.child_intake_save(child=child, by=world.caseworker, held_on=TODAY + datetime.timedelta(days=1))
    assert "held_on" in errors(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.child_intake_save(child=child, by=world.caseworker, held_on=D(2016, 2, 1))
    assert "held_on" in errors(excinfo)


def test_a_baby_is_observed_with_its_parent_not_interviewed(world) -> None:
    mila = baby(world)
    with pytest.raises(ValidationError) as excinfo:
        services.child_intake_save(child=mila, by=world.caseworker, own_words="Ik wil naar huis")
    assert "own_words" in errors(excinfo)
    data = intake_content(mila, D(2026, 2, 20)) | {"safety_signals": False}
    with pytest.raises(ValidationError) as excinfo:
        services.child_intake_save(child=mila, by=world.caseworker, complete=True, **(data | {"present": "alone"}))
    assert "present" in errors(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.child_intake_save(child=mila, by=world.caseworker, complete=True, **(data | {"observation": ""}))
    assert "observation" in errors(excinfo)
    intake = services.child_intake_save(child=mila, by=world.caseworker, complete=True, **data)
    assert (intake.variant, intake.own_words, intake.present) == ("observation", "", "parent")


def test_from_12_the_child_speaks_for_itself_and_answers_the_consent_questions(world) -> None:
    sem = teenager(world)
    data = intake_content(sem, D(2026, 2, 20)) | {"safety_signals": False}
    with pytest.raises(ValidationError) as excinfo:
        services.child_intake_save(
            child=sem, by=world.caseworker, complete=True, **(data | {"consent": {"school": True}})
        )
    assert errors(excinfo) == {"consent_health", "consent_parent_reads"}
    with pytest.raises(ValidationError) as excinfo:
        services.child_intake_save(child=sem, by=world.caseworker, complete=True, **(data | {"own_words": ""}))
    assert "own_words" in errors(excinfo)
    intake = services.child_intake_save(child=sem, by=world.caseworker, complete=True, **data)
    assert intake.consent == {"school": True, "health": True, "parent_reads": False}
    assert [answer for _, answer in intake.consent_shown()] == [True, True, False]


def test_consent_questions_are_not_for_younger_children(world, child) -> None:
    with pytest.raises(ValidationError) as excinfo:
        services.child_intake_save(child=child, by=world.caseworker, consent={"school": True})
    assert "consent" in errors(excinfo)


def test_unknown_domains_and_choices_are_refused(world, child) -> None:
    for bad in ({"needs": {"astrology": "x"}}, {"present": "neighbour"}, {"custody": "king"}):
        with pytest.raises(ValidationError):
            services.child_intake_save(child=child, by=world.caseworker, **bad)
    with pytest.raises(ValidationError):
        services.child_intake_save(child=child, by=world.caseworker, held_by=world.outsider)


def test_signals_in_the_intake_start_the_meldcode(world, child) -> None:
    intake = complete_intake(
        child, D(2026, 1, 15), by=world.caseworker, safety_signals=True, safety_assessment=SECRET, start_meldcode=True
    )
    step = MeldcodeStepRecord.objects.get(child=child)
    assert (step.step, step.done_on, step.recorded_by) == (1, D(2026, 1, 15), world.caseworker)
    assert SECRET in step.notes
    assert intake.meldcode_started is True
    assert selectors.meldcode_next_step(child) == 2


def test_the_meldcode_starts_only_with_signals_and_not_twice(world, child) -> None:
    with pytest.raises(ValidationError) as excinfo:
        complete_intake(child, D(2026, 1, 15), by=world.caseworker, safety_signals=False, start_meldcode=True)
    assert "start_meldcode" in errors(excinfo)
    # A round already under way is not started again.
    services.meldcode_step_record(child=child, step=1, done_on=D(2026, 1, 12), recorded_by=world.caseworker)
    intake = complete_intake(child, D(2026, 1, 15), by=world.caseworker, safety_signals=True, start_meldcode=True)
    assert intake.meldcode_started is False
    assert MeldcodeStepRecord.objects.filter(child=child).count() == 1


def test_only_who_may_see_the_safety_section_writes_the_assessment(world, child) -> None:
    # caseworker_a2 (same organisation, other location) may not see the safety section.
    with pytest.raises(ValidationError):
        services.child_intake_save(child=child, by=world.caseworker_a2, safety_assessment=SECRET)
    assert not ChildIntake.objects.exists()


# --- forms ---------------------------------------------------------------------------------------


def test_the_form_has_the_fields_of_the_age(world, child) -> None:
    staff = services.mentor_candidates(child.household)
    observation = IntakeForm(candidates=staff, variant=IntakeVariant.OBSERVATION, show_safety=True).fields
    assert "observation" in observation and "own_words" not in observation and "prompt_wish" not in observation
    conversation = IntakeForm(candidates=staff, variant=IntakeVariant.CONVERSATION).fields
    assert "prompt_wish" in conversation and "consent_school" not in conversation
    assert "safety_assessment" not in conversation  # without show_safety
    own_words = IntakeForm(candidates=staff, variant=IntakeVariant.OWN_WORDS, show_safety=True).fields
    assert {"own_words", "consent_school", "consent_parent_reads", "safety_assessment"} <= set(own_words)
    assert all(f"need_{d}" in own_words for d in ("safety", "school", "parenting"))


# --- pages ---------------------------------------------------------------------------------------


def intake_url(child) -> str:
    return reverse("children:child_intake", args=[child.pk])


def detail_html(client, child) -> str:
    return client.get(reverse("children:child_detail", args=[child.pk])).content.decode()


def test_draft_then_complete_through_the_page(client, world, child) -> None:
    client.force_login(world.caseworker)
    html = client.get(intake_url(child)).content.decode()
    assert "prompt_wish" in html and "consent_school" not in html and "safety_assessment" in html
    response = client.post(intake_url(child), {"held_on": "2026-01-15", "prompt_wish": "Een hond", "draft": "1"})
    assert response.status_code == 302
    assert ChildIntake.objects.get(child=child).status == IntakeStatus.DRAFT
    html = detail_html(client, child)
    assert "Een hond" in html and "Concept" in html
    assert "Intake verder invullen" in html
    # The draft comes back into the form; completing it without the rest shows Dutch messages.
    assert "Een hond" in client.get(intake_url(child)).content.decode()
    response = client.post(intake_url(child), {"held_on": "2026-01-15", "prompt_wish": "Een hond", "complete": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies wie er bij het gesprek was." in html
    assert "Schrijf op wat het kind nodig heeft op ten minste één leefgebied." in html
    data = {
        "held_on": "2026-01-15",
        "present": "mentor",
        "prompt_wish": "Een hond",
        "prompt_misses": "Opa",
        "need_school": "Een plek op een school dichtbij.",
        "need_parenting": "Moeder wil hulp bij de bedtijd.",
        "school_name": "De Regenboog",
        "gp": "Huisartsenpraktijk Schalkwijk",
        "custody": "both_parents",
        "other_parent_contact": "supervised",
        "safety_signals": "true",
        "safety_assessment": SECRET,
        "start_meldcode": "on",
        "complete": "1",
    }
    response = client.post(intake_url(child), data)
    assert response.status_code == 302
    intake = ChildIntake.objects.get(child=child)
    assert (intake.status, intake.present, intake.meldcode_started) == (IntakeStatus.COMPLETED, "mentor", True)
    assert Child.objects.get(pk=child.pk).intake_on == D(2026, 1, 15)
    html = detail_html(client, child)
    assert "Een plek op een school dichtbij." in html and SECRET in html
    # The button is gone once the intake is completed; the page says so when opened directly.
    assert intake_url(child) not in html
    assert "kan niet meer worden gewijzigd" in client.get(intake_url(child)).content.decode()
    assert client.post(intake_url(child), data).status_code == 200
    assert ChildIntake.objects.filter(child=child).count() == 1


def test_the_baby_gets_the_observation_form(client, world) -> None:
    mila = baby(world)
    client.force_login(world.caseworker)
    html = client.get(intake_url(mila)).content.decode()
    assert 'name="observation"' in html and 'name="own_words"' not in html and 'name="prompt_wish"' not in html


def test_the_teenager_gets_the_consent_questions(client, world) -> None:
    sem = teenager(world)
    client.force_login(world.caseworker)
    html = client.get(intake_url(sem)).content.decode()
    assert 'name="consent_parent_reads"' in html and 'name="own_words"' in html


def test_the_receiving_organisation_reads_the_intake_but_not_its_safety_assessment(client, world, child) -> None:
    complete_intake(child, D(2026, 1, 15), by=world.caseworker, safety_signals=True, safety_assessment=SECRET)
    Handover.objects.create(
        household=world.household_a1,
        from_organisation=world.org_a,
        from_professional=world.caseworker,
        to_organisation=world.org_b,
        to_professional=world.outsider,
        planned_on=D(2026, 2, 20),
        status=HandoverStatus.ACCEPTED,
    )
    client.force_login(world.outsider)
    html = detail_html(client, child)
    assert "Weer naar school." in html
    assert SECRET not in html
    assert client.get(intake_url(child)).status_code == 404


def test_opening_the_intake_page_is_audited(client, world, child) -> None:
    from auditlog.models import LogEntry

    client.force_login(world.caseworker)
    client.get(intake_url(child))
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(child.pk)).exists()


def test_veerkracht_buttons_disappear_once_decided(client, world, child) -> None:
    client.force_login(world.caseworker)
    start = reverse("children:veerkracht_start", args=[child.pk])
    not_offered = reverse("children:veerkracht_not_offered", args=[child.pk])
    html = detail_html(client, child)
    assert start in html and not_offered in html
    services.veerkracht_not_offered(child=child, reason="Te kort in de opvang")
    html = detail_html(client, child)
    assert start not in html and not_offered not in html


def test_veerkracht_buttons_disappear_with_a_track(client, world, child) -> None:
    VeerkrachtTrackFactory(child=child)
    client.force_login(world.caseworker)
    assert reverse("children:veerkracht_start", args=[child.pk]) not in detail_html(client, child)


def test_an_intake_date_without_a_conversation_counts_as_completed(client, world, child) -> None:
    # A date recorded before the intake conversation existed (or bulk benchmark data).
    Child.objects.filter(pk=child.pk).update(intake_on=D(2026, 1, 15))
    child.refresh_from_db()
    with pytest.raises(ValidationError):
        services.child_intake_save(child=child, by=world.caseworker, gp="Dr. Jansen")
    client.force_login(world.caseworker)
    assert intake_url(child) not in detail_html(client, child)


def test_a_new_stay_gets_a_new_intake(world, child) -> None:
    complete_intake(child, D(2026, 1, 15), by=world.caseworker)
    stay = child.household.stays.get()
    stay.left_on, stay.destination = D(2026, 1, 31), "unknown"
    stay.save()
    StayFactory(household=child.household, admitted_on=D(2026, 2, 20))
    child.refresh_from_db()
    intake = services.child_intake_save(child=child, by=world.caseworker, held_on=D(2026, 2, 22))
    assert intake.status == IntakeStatus.DRAFT
    assert ChildIntake.objects.filter(child=child).count() == 2


def test_writing_the_intake_is_audited_with_its_words_masked(world, child) -> None:
    from auditlog.models import LogEntry

    complete_intake(child, D(2026, 1, 15), by=world.caseworker, safety_signals=True, safety_assessment=SECRET)
    entries = LogEntry.objects.get_for_model(ChildIntake)
    assert entries.exists()
    text = " ".join(str(e.changes) for e in entries)
    assert SECRET not in text and "Een eigen kamer." not in text and "Weer naar school." not in text
    assert entries.first().additional_data == {"household": child.household_id}
