"""Template tags of the plans app: the plan card on the household page."""

from django import template

from cases.access import may_change_household
from plans.selectors import plan_summary_for_household

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_summary(context, household) -> dict:
    """The household's plan summary (two queries), for plans/_household_plan_card.html, with
    ``may_start``: only the responsible organisation starts a plan (a receiving side reads it)."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    may_start = bool(user is not None and user.is_authenticated and may_change_household(user, household))
    return plan_summary_for_household(household) | {"may_start": may_start}
