"""Choices of the shelter network."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    SHELTER_PROVIDER = "shelter_provider", _("Shelter provider")
    MUNICIPALITY = "municipality", _("Municipality")
    # Chain partners: the neighbourhood team (the existing value), CJG, youth care and GGD.
    CHAIN_PARTNER = "chain_partner", _("Chain partner: Sociaal Wijkteam (SWT)")
    CJG = "cjg", _("Chain partner: Centrum voor Jeugd en Gezin (CJG)")
    YOUTH_CARE = "youth_care", _("Chain partner: youth care")
    GGD = "ggd", _("Chain partner: GGD")
    HOUSING = "housing", _("Housing corporation")


class LocationKind(models.TextChoices):
    MO = "mo", _("Social shelter (MO)")
    VO = "vo", _("Women's shelter (VO)")
    CRISIS = "crisis", _("Crisis shelter")
    INTERMEDIATE = "intermediate", _("Youth or intermediate facility")


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    TEAM_LEAD = "team_lead", _("Team lead")
    POLICY_OFFICER = "policy_officer", _("Policy officer")
    CONTRACT_MANAGER = "contract_manager", _("Contract manager")
    ADMIN = "admin", _("Functional administrator")
    # The municipality's participation council (participatieraad): reads published aggregates only.
    PARTICIPATION_COUNCIL = "participation_council", _("Participation council")
    # A professional of a chain-partner organisation (SWT, CJG, youth care): sees only the plans
    # they take part in, with the family's consent (plans.access.partner_plan_get_for_user).
    CHAIN_PARTNER = "chain_partner", _("Chain partner")


# Roles that work with client files; the municipal roles only ever see aggregates.
CASE_ROLES = frozenset({Role.CASEWORKER, Role.TEAM_LEAD})
MUNICIPAL_ROLES = frozenset({Role.POLICY_OFFICER, Role.CONTRACT_MANAGER})
# Organisations whose professionals may have the chain-partner role.
CHAIN_PARTNER_KINDS = frozenset(
    {OrganisationKind.CHAIN_PARTNER, OrganisationKind.CJG, OrganisationKind.YOUTH_CARE, OrganisationKind.GGD}
)


class Training(models.TextChoices):
    GEDRAGEN_PLAN = "gedragen_plan", _("Working with the gedragen plan")
    VEERKRACHT = "veerkracht", _("Veerkracht")
    MELDCODE = "meldcode", _("Meldcode domestic violence and child abuse")
    TRAUMA_INFORMED = "trauma_informed", _("Trauma-informed care")
    OTHER = "other", _("Other training")


class QualificationKind(models.TextChoices):
    SKJ = "skj", _("SKJ registration")
    BIG = "big", _("BIG registration")
    OTHER = "other", _("Other qualification")


# Trainings and qualifications expiring within this many days are flagged to team leads.
EXPIRY_WARNING_DAYS = 60


# Dated history (capacity, staff assignments) recorded for data from before it existed starts here.
HISTORY_START = datetime.date(2000, 1, 1)
