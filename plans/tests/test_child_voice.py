"""The child's voice reaches the plan (issue 11): voice entries beside each child's goals, a goal
that names the words it came from, a section per child in the family PDF and the child's own
one-page "my plan" PDF, read back from the real PDF."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from cases.tests.factories import AdultClientFactory
from children import services as children_services
from children.constants import VoiceTheme
from children.models import ChildVoice
from children.tests.factories import ChildFactory, ChildVoiceFactory
from plans import services
from plans.constants import Relation
from plans.models import Goal, PlanVersion

START = dt.datetime(2026, 2, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def family(world):
    """A mother and two children at A1: Sara (10, her own plan) and Noah (5, too young for one)."""
    household = world.household_a1
    household.adults.all().delete()
    household.children.all().delete()
    AdultClientFactory(household=household, first_name="Mira", last_name="Demir")
    sara = ChildFactory(
        household=household,
        first_name="Sara",
        last_name="Demir",
        date_of_birth=dt.date(2015, 6, 1),
        protection_concerns="Vader mag niet weten waar zij is",
        mentor=world.caseworker,
    )
    noah = ChildFactory(household=household, first_name="Noah", last_name="Demir", date_of_birth=dt.date(2020, 9, 1))
    return household, sara, noah


def pdf_pages(response) -> list[str]:
    body = response.getvalue() if hasattr(response, "getvalue") else response
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def draft_of(plan) -> PlanVersion:
    return PlanVersion.objects.select_related("plan").get(plan=plan, state="draft")


# --- Services ---------------------------------------------------------------------------------------


def test_a_goal_from_a_childs_words_becomes_that_childs_goal(world, family, frozen):
    household, sara, _noah = family
    voice = children_services.child_voice_add(
        child=sara,
        recorded_on=dt.date(2026, 2, 1),
        wishes="Weer naar voetbal",
        theme=VoiceTheme.FRIENDS_PLAY,
        recorded_by=world.caseworker,
    )
    assert voice.theme == "friends_play"
    plan = services.plan_create(household=household, user=None)
    goal = services.goal_add(
        plan_version=draft_of(plan), domain="child_leisure", text="Sara gaat weer voetballen", voice=voice
    )
    assert goal.voice == voice
    assert goal.child == sara  # a goal for nobody in particular becomes the child's own


def test_a_goal_refuses_words_of_another_household_or_another_child(world, family, frozen):
    household, sara, noah = family
    plan = services.plan_create(household=household, user=None)
    draft = draft_of(plan)
    elsewhere = ChildVoiceFactory(child=world.household_b1.children.first())
    with pytest.raises(ValidationError) as error:
        services.goal_add(plan_version=draft, domain="child_leisure", text="Zwemmen", voice=elsewhere)
    assert "voice" in error.value.message_dict
    noahs = ChildVoiceFactory(child=noah, wishes="Een eigen bed")
    with pytest.raises(ValidationError) as error:
        services.goal_add(plan_version=draft, domain="child_leisure", text="Zwemmen", child=sara, voice=noahs)
    assert "voice" in error.value.message_dict
    goal = services.goal_add(plan_version=draft, domain="child_leisure", text="Zwemmen", child=sara)
    with pytest.raises(ValidationError):
        services.goal_update(
            goal=goal,
            domain="child_leisure",
            text="Zwemmen",
            adult=None,
            child=sara,
            target_on=None,
            status="open",
            progress_notes="",
            voice=noahs,
        )
    assert Goal.objects.get(pk=goal.pk).voice is None


def test_a_review_keeps_where_a_goal_came_from(world, family, frozen):
    household, sara, _noah = family
    voice = ChildVoiceFactory(child=sara, wishes="Een eigen kamer")
    plan = services.plan_create(household=household, user=None, perspective="Een eigen huis")
    services.goal_add(plan_version=draft_of(plan), domain="housing", text="Een kamer voor Sara", voice=voice)
    services.plan_agree(plan=plan, agreed_on=dt.date(2026, 2, 2), user=None)
    second = services.plan_review_start(plan=plan, user=None)
    assert second.goals.get().voice == voice


# --- The plan page ----------------------------------------------------------------------------------


def test_the_plan_page_shows_each_childs_words_beside_its_goals(client, world, family, frozen):
    household, sara, noah = family
    ChildVoiceFactory(child=sara, wishes="Weer naar mijn eigen school", worries="Ik mis mijn vriendinnen")
    plan = services.plan_create(household=household, user=None)
    client.force_login(world.caseworker)
    voice = sara.voices.get()
    response = client.post(
        reverse("plans:goal_add", kwargs={"pk": plan.pk}),
        {
            "domain": "child_school",
            "text": "Sara gaat naar een school in de buurt",
            "status": "open",
            "voice": voice.pk,
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(text="Sara gaat naar een school in de buurt")
    assert goal.voice == voice and goal.child == sara

    page = client.get(reverse("plans:plan_detail", kwargs={"pk": plan.pk})).content.decode()
    assert 'id="plan-children"' in page
    assert "Weer naar mijn eigen school" in page and "Ik mis mijn vriendinnen" in page
    assert f'href="#goal-{goal.pk}"' in page
    # Sara (10) has her own PDF, Noah (5) not yet.
    assert reverse("plans:child_plan_pdf", kwargs={"pk": plan.pk, "child_pk": sara.pk}) in page
    assert reverse("plans:child_plan_pdf", kwargs={"pk": plan.pk, "child_pk": noah.pk}) not in page


def test_a_goal_added_in_the_page_updates_the_childrens_section_too(client, world, family, frozen):
    """The goal editor is HTMX: its answer swaps the goals section in and, out of band, the
    children's section, or that would still say "no goal of their own yet" beside the wish."""
    household, sara, _noah = family
    voice = ChildVoiceFactory(child=sara, wishes="Een eigen kamer")
    plan = services.plan_create(household=household, user=None)
    client.force_login(world.caseworker)
    response = client.post(
        reverse("plans:goal_add", kwargs={"pk": plan.pk}),
        {"domain": "child_wellbeing", "text": "Sara heeft een rustige plek", "status": "open", "voice": voice.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    page = response.content.decode()
    children = page[page.index('id="plan-children"') :]
    assert children.startswith('id="plan-children" hx-swap-oob="true"')
    goal = Goal.objects.get(text="Sara heeft een rustige plek")
    assert f'href="#goal-{goal.pk}"' in children


def test_the_goal_form_offers_only_this_households_childrens_words(client, world, family, frozen):
    household, sara, _noah = family
    ChildVoiceFactory(child=sara, wishes="Een hond")
    ChildVoiceFactory(child=world.household_b1.children.first(), wishes="Een kat uit een andere organisatie")
    plan = services.plan_create(household=household, user=None)
    client.force_login(world.caseworker)
    form = client.get(reverse("plans:goal_add", kwargs={"pk": plan.pk})).content.decode()
    assert "Een hond" in form
    assert "Een kat uit een andere organisatie" not in form
    elsewhere = ChildVoice.objects.get(wishes="Een kat uit een andere organisatie")
    response = client.post(
        reverse("plans:goal_add", kwargs={"pk": plan.pk}),
        {"domain": "child_leisure", "text": "Een kat", "status": "open", "voice": elsewhere.pk},
    )
    assert response.status_code == 200  # the form again, with its error
    assert not Goal.objects.filter(text="Een kat").exists()


def test_plan_page_queries_do_not_grow_with_voices(client, world, family, frozen, django_assert_max_num_queries):
    household, sara, noah = family
    plan = services.plan_create(household=household, user=None)
    draft = draft_of(plan)
    for n in range(8):
        for child in (sara, noah):
            voice = ChildVoiceFactory(child=child, wishes=f"Wens {n} van {child.first_name}")
            services.goal_add(
                plan_version=draft, domain="child_leisure", text=f"Doel {n} {child.first_name}", voice=voice
            )
    client.force_login(world.caseworker)
    # The bound of test_plan_page_query_count_does_not_grow_with_the_plan (21), whatever the voices.
    with django_assert_max_num_queries(21):
        response = client.get(reverse("plans:plan_detail", kwargs={"pk": plan.pk}))
    assert response.status_code == 200


# --- The PDFs ---------------------------------------------------------------------------------------


def test_the_family_pdf_has_a_section_per_child(client, world, family, frozen):
    household, sara, noah = family
    ChildVoiceFactory(child=sara, wishes="Weer naar voetbal", worries="Papa komt ons zoeken")
    ChildVoiceFactory(child=noah, wishes="Mijn knuffel mee")
    plan = services.plan_create(household=household, user=None)
    services.goal_add(
        plan_version=draft_of(plan), domain="child_leisure", text="Sara voetbalt bij een club", child=sara
    )
    client.force_login(world.caseworker)
    text = flat("\n".join(pdf_pages(client.get(reverse("plans:plan_pdf", kwargs={"pk": plan.pk})))))
    assert "Weer naar voetbal" in text and "Mijn knuffel mee" in text
    assert "Sara voetbalt bij een club" in text
    assert "Papa komt ons zoeken" not in text  # the worries stay in the file


def test_the_childs_own_plan_pdf_is_one_page_in_big_type_with_only_her_own_plan(client, world, family, frozen):
    household, sara, noah = family
    ChildVoiceFactory(child=sara, recorded_on=dt.date(2026, 1, 20), wishes="Weer naar voetbal", worries="Papa is boos")
    ChildVoiceFactory(child=noah, wishes="Noah wil een fiets")
    plan = services.plan_create(household=household, user=None)
    draft = draft_of(plan)
    services.plan_update(
        plan=plan,
        expected_version=plan.version,
        direction_support="none",
        perspective="",
        safety_conditions="Geheim adres Tulpstraat 9",
    )
    helper = services.participant_add(plan_version=draft, name="Juf Ans", relation=Relation.SCHOOL)
    goal = services.goal_add(plan_version=draft, domain="child_leisure", text="Sara voetbalt bij een club", child=sara)
    services.action_add(goal=goal, what="Een club zoeken", owner=helper)
    # Her brother helps too: the action is on her page, his name is not.
    services.action_add(goal=goal, what="Samen oefenen", owner=draft.participants.get(child=noah))
    services.goal_add(plan_version=draft, domain="child_leisure", text="Noah leert fietsen", child=noah)
    services.goal_add(plan_version=draft, domain="housing", text="Mama vindt een huis")

    client.force_login(world.caseworker)
    response = client.get(reverse("plans:child_plan_pdf", kwargs={"pk": plan.pk, "child_pk": sara.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = response.getvalue()
    pages = pdf_pages(body)
    assert len(pages) == 1
    text = flat(pages[0])
    for expected in (
        "Mijn plan",
        "Sara",
        "Wat ik wil",
        "Weer naar voetbal",
        "Mijn doelen",
        "Sara voetbalt bij een club",
    ):
        assert expected in text
    assert "Een club zoeken" in text and "Juf Ans helpt" in text and "Samen oefenen" in text
    assert "Dit plan is nog niet klaar" in text
    for absent in (
        "Noah",  # no other child's name, words or goals
        "fiets",
        "Mama vindt een huis",  # not the family's goals
        "Papa is boos",  # no worries
        "Geheim adres",  # no safety conditions
        "Vader mag niet weten",  # no safety section of the child
        "Demir",  # first name only
    ):
        assert absent not in text
    # Big type: the body text is 16 pt or more.
    assert _median_font_size(body) >= 15.9


def _median_font_size(body: bytes) -> float:
    sizes: list[float] = []

    def visitor(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.append(font_size * tm[0] * cm[0] if tm[0] and cm[0] else font_size)

    PdfReader(io.BytesIO(body)).pages[0].extract_text(visitor_text=visitor)
    return sorted(sizes)[len(sizes) // 2]


def test_no_own_plan_pdf_for_a_child_under_8_or_of_another_household(client, world, family, frozen):
    household, _sara, noah = family
    plan = services.plan_create(household=household, user=None)
    client.force_login(world.caseworker)
    assert client.get(reverse("plans:child_plan_pdf", kwargs={"pk": plan.pk, "child_pk": noah.pk})).status_code == 404
    other = world.household_a2.children.first()
    assert client.get(reverse("plans:child_plan_pdf", kwargs={"pk": plan.pk, "child_pk": other.pk})).status_code == 404
