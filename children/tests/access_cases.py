"""Access-matrix entries for every URL of the children app (see opvang/tests/matrix.py)."""

from cases.models import Involvement
from children.tests.factories import InvolvementFactory, VeerkrachtTrackFactory, YouthCareReferralFactory
from opvang.tests.matrix import CASE_ROLES, Route


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


# Child pages and forms: the household's own caseworkers and the team lead (other location too);
# everybody else gets a 404. POSTs without data re-show the form with errors (200).
ROUTES = [
    Route("children:child_detail", roles=CASE_ROLES, kwargs=child, methods=("get",)),
    Route("children:child_add", roles=CASE_ROLES, kwargs=household_pk, methods=("get", "post")),
    Route("children:child_edit", roles=CASE_ROLES, kwargs=child),
    Route("children:child_intake", roles=CASE_ROLES, kwargs=child),
    Route("children:child_mentor", roles=CASE_ROLES, kwargs=child),
    Route("children:child_voice_add", roles=CASE_ROLES, kwargs=child),
    Route("children:referral_add", roles=CASE_ROLES, kwargs=child),
    Route("children:referral_update", roles=CASE_ROLES, kwargs=referral),
    Route("children:veerkracht_start", roles=CASE_ROLES, kwargs=child),
    Route("children:veerkracht_not_offered", roles=CASE_ROLES, kwargs=child),
    Route("children:veerkracht_update", roles=CASE_ROLES, kwargs=track),
    # Restricted: may_see_safety (the location's staff and the team lead).
    Route("children:meldcode_step_add", roles=CASE_ROLES, kwargs=child),
    Route("children:safety_edit", roles=CASE_ROLES, kwargs=child),
    Route("children:involvement_add", roles=CASE_ROLES, kwargs=child),
    Route("children:adult_involvements", roles=CASE_ROLES, kwargs=adult),
    Route("children:involvement_end", roles=CASE_ROLES, kwargs=open_involvement, methods=("post",)),
]
