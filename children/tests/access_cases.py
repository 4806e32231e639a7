"""Access-matrix entries for every URL of the children app (see opvang/tests/matrix.py)."""

from cases.models import AdultClient, Involvement
from children import services
from children.models import Child, VeerkrachtTrack, YouthCareReferral
from children.tests.factories import InvolvementFactory, VeerkrachtTrackFactory, YouthCareReferralFactory
from opvang.tests.matrix import CASE_ROLES, Route

DAY = "2026-11-02"  # a date in the past, after the world's stays began


def household_pk(world, household) -> dict:
    return {"pk": household.pk}


def child(world, household) -> dict:
    return {"pk": household.children.first().pk}


def adult(world, household) -> dict:
    return {"pk": household.adults.first().pk}


def referral(world, household) -> dict:
    return {"pk": YouthCareReferralFactory(child=household.children.first()).pk}


def track(world, household) -> dict:
    return {"pk": VeerkrachtTrackFactory(child=household.children.first()).pk}


def open_involvement(world, household) -> dict:
    involvement: Involvement = InvolvementFactory(child=household.children.first())
    return {"pk": involvement.pk}


def the_child(c) -> Child:
    return Child.objects.get(pk=c.kwargs["pk"])


def external_involvement(c) -> dict:
    return {
        "external_name": "Juf Ans",
        "external_organisation": "De Regenboog",
        "role": "leerkracht",
        "started_on": DAY,
    }


def child_route(name: str, kwargs=child, **fields) -> Route:
    return Route(f"children:{name}", roles=CASE_ROLES, kwargs=kwargs, **fields)


# Child pages and forms: the household's own caseworkers and the team lead (other location too);
# everybody else gets a 404.
ROUTES = [
    child_route("child_detail", methods=("get",)),
    child_route(
        "child_add",
        kwargs=household_pk,
        post_data=lambda c: {"first_name": "Baby", "last_name": "Matrix", "date_of_birth": DAY, "gender": "f"},
        effect=lambda c: c.household.children.filter(first_name="Baby").exists(),
    ),
    child_route(
        "child_edit",
        post_data=lambda c: {
            "first_name": "Hernoemd",
            "last_name": "Matrix",
            "date_of_birth": "2016-03-01",
            "gender": "m",
            "version": 1,
        },
        effect=lambda c: the_child(c).first_name == "Hernoemd",
    ),
    # The world's child is 10: a conversation with prompts. Saved as a draft.
    child_route(
        "child_intake",
        post_data=lambda c: {"held_on": DAY, "present": "alone", "prompt_wish": "Een eigen kamer", "draft": "1"},
        effect=lambda c: the_child(c).intakes.filter(answers__wish="Een eigen kamer", status="draft").exists(),
    ),
    child_route(
        "child_mentor",
        post_data=lambda c: {"mentor": services.mentor_candidates(c.household).first().pk, "on": DAY},
        effect=lambda c: the_child(c).mentor_id is not None,
    ),
    child_route(
        "child_voice_add",
        post_data=lambda c: {"recorded_on": DAY, "wishes": "Naar mijn eigen school"},
        effect=lambda c: the_child(c).voices.filter(wishes="Naar mijn eigen school").exists(),
    ),
    child_route(
        "referral_add",
        post_data=lambda c: {"provider": "Jeugdhulp Matrix", "kind": "other", "referred_on": DAY},
        effect=lambda c: the_child(c).referrals.filter(provider="Jeugdhulp Matrix").exists(),
    ),
    child_route(
        "referral_update",
        kwargs=referral,
        post_data=lambda c: {"started_on": DAY},
        effect=lambda c: YouthCareReferral.objects.get(pk=c.kwargs["pk"]).started_on is not None,
    ),
    child_route(
        "veerkracht_start",
        post_data=lambda c: {"form": "individual", "started_on": DAY, "phase": 1},
        effect=lambda c: the_child(c).veerkracht.filter(form="individual").exists(),
    ),
    child_route(
        "veerkracht_not_offered",
        post_data=lambda c: {"reason": "Nog te jong voor de groep"},
        effect=lambda c: the_child(c).veerkracht.filter(form="not_offered").exists(),
    ),
    child_route(
        "veerkracht_update",
        kwargs=track,
        post_data=lambda c: {"phase": 2, "sessions_attended": 3},
        effect=lambda c: VeerkrachtTrack.objects.get(pk=c.kwargs["pk"]).sessions_attended == 3,
    ),
    # Restricted: may_see_safety (the location's staff and the team lead).
    child_route(
        "meldcode_step_add",
        post_data=lambda c: {"step": 1, "done_on": DAY, "notes": "Signalen in kaart"},
        effect=lambda c: the_child(c).meldcode_steps.exists(),
    ),
    child_route(
        "safety_edit",
        post_data=lambda c: {"protection_concerns": "Zorgen", "safety_scale": 6, "version": 1},
        effect=lambda c: the_child(c).safety_scale == 6,
    ),
    child_route(
        "involvement_add",
        post_data=external_involvement,
        effect=lambda c: the_child(c).involvements.filter(external_name="Juf Ans").exists(),
    ),
    child_route(
        "adult_involvements",
        kwargs=adult,
        post_data=external_involvement,
        effect=lambda c: (
            AdultClient.objects.get(pk=c.kwargs["pk"]).involvements.filter(external_name="Juf Ans").exists()
        ),
    ),
    child_route(
        "involvement_end",
        kwargs=open_involvement,
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: Involvement.objects.get(pk=c.kwargs["pk"]).ended_on is not None,
    ),
]
