"""Template tags of the plans app: the plan card on the household page."""

from django import template

from plans.selectors import plan_summary_for_household

register = template.Library()


@register.simple_tag
def plan_summary(household) -> dict:
    """The household's plan summary (two queries), for plans/_household_plan_card.html."""
    return plan_summary_for_household(household)
