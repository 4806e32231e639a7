"""Demo data for the children's files: runs after demo/cases.py has registered the children.

Deterministic (driven by each child's position in a fixed order) and idempotent (every step
only fills what is still empty), so seed_demo can run twice without creating anything twice.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from cases.access import may_see_safety
from cases.models import Involvement, Stay
from children import services
from children.constants import (
    OBSERVATION_AGE,
    Custody,
    IntakePresence,
    IntakeVariant,
    OtherParentContact,
    VeerkrachtForm,
    VoiceTheme,
    YouthCareKind,
)
from children.models import Child
from opvang.constants import CASE_ROLES

WISHES_YOUNG = ["Dat mama niet meer verdrietig is.", "Met mijn knuffel slapen.", "Buiten spelen met Sam."]
WISHES_OLD = [
    "Weer naar mijn eigen school en mijn vrienden zien.",
    "Een eigen kamer waar ik rustig huiswerk kan maken.",
    "Dat we een huis krijgen en niet meer hoeven te verhuizen.",
]
# The theme of each wish above (ChildVoice.theme; the reports count themes, never the words).
THEMES_YOUNG = [VoiceTheme.FAMILY, VoiceTheme.FEELING_SAFE, VoiceTheme.FRIENDS_PLAY]
THEMES_OLD = [VoiceTheme.SCHOOL, VoiceTheme.OWN_SPACE, VoiceTheme.HOME]
WORRIES_YOUNG = ["Bang als het 's nachts lawaai is.", "Dat papa boos wordt."]
WORRIES_OLD = ["Dat papa ons vindt.", "Dat ik mijn examens niet haal.", "Wie er voor mijn moeder zorgt."]
EXTERNALS = [
    ("Karin de Wit", "Basisschool De Regenboog", "intern begeleider"),
    ("Dr. Hamid Aziz", "Huisartsenpraktijk Schalkwijk", "huisarts"),
    ("Els Koster", "CJG Kennemerland", "jeugdverpleegkundige"),
    ("Tom Verhoef", "Jeugdhulp Kennemerland", "speltherapeut"),
    ("Mirjam Dekker", "Sociaal Wijkteam Haarlem", "gezinscoach"),
    ("Yusuf Demir", "GGD Kennemerland", "jeugdarts"),
]
REFERRALS = [
    ("Jeugdhulp Kennemerland", YouthCareKind.TRAUMA_TREATMENT),
    ("Levvel jeugd-GGZ", YouthCareKind.YOUTH_MENTAL_HEALTH),
    ("Kenter Jeugdhulp", YouthCareKind.FAMILY_SUPPORT),
]


def seed(network) -> None:
    today = timezone.localdate()
    children = list(Child.objects.select_related("household").order_by("household__reference", "date_of_birth", "pk"))
    staff = [user for user in network.users.values() if user.role in CASE_ROLES]
    for index, child in enumerate(children):
        stay_start = (
            Stay.objects.filter(household_id=child.household_id)
            .order_by("-admitted_on")
            .values_list("admitted_on", flat=True)
            .first()
        )
        # Without a stay (still waiting) there is nothing to enrich yet.
        if stay_start is None:
            continue
        colleagues = [u for u in staff if u.organisation_id == child.household.organisation_id]
        # A baby born during the stay has its file start at birth.
        _seed_child(child, index, max(stay_start, child.date_of_birth), colleagues, today)


def _on(start: date, days: int, today: date) -> date | None:
    """start + days, or None when that lies in the future (the demo never records the future)."""
    day = start + timedelta(days=days)
    return day if day <= today else None


# The child's own intake in the form that fits its age: a baby is observed with its parent (no
# spoken words), a primary-school child answers prompts, a teenager speaks and gives consent.
OBSERVATIONS = [
    "Speelt rustig op de mat en kijkt vaak of moeder er nog is. Laat zich door moeder troosten; "
    "schrikt van harde geluiden op de gang. Slaapt onrustig, eet goed.",
    "Kruipt nieuwsgierig rond en lacht naar de begeleider. Zoekt bij vermoeidheid steeds de arm van "
    "moeder op. Consultatiebureau-afspraken zijn blijven liggen.",
]
ANSWERS = [
    {
        "here": "Het is hier druk, maar de speelkamer is leuk.",
        "misses": "Mijn juf en mijn kat.",
        "wish": "Een eigen kamer.",
    },
    {"likes": "Voetballen en tekenen.", "hard": "Als er 's nachts deuren slaan.", "wish": "Dat mama weer lacht."},
    {"here": "Ik heb al een vriendje hier.", "misses": "Oma.", "hard": "Dat ik niet naar mijn oude school mag."},
]
OWN_WORDS = [
    "Ik wil dat jullie weten dat ik mijn moeder wil helpen, maar dat ik ook gewoon naar school wil "
    "en mijn vrienden wil zien. Ik wil niet dat mijn vader weet waar we zijn.",
    "Ik vind het hier saai en ik heb geen plek om huiswerk te maken. Ik wil zelf meebeslissen over welke school ik ga.",
]
NEEDS_YOUNG = {
    "development": "Vaste dagritme en rustige slaapplek.",
    "health": "Consultatiebureau-afspraken weer oppakken.",
    "parenting": "Moeder wil tips voor rust en slapen na alle spanning.",
}
NEEDS_MIDDLE = {
    "school": "Een school in de buurt van de opvang, of vervoer naar de eigen school.",
    "friends": "Een sportclub of buitenspelen met andere kinderen.",
    "family": "Praten over wat er thuis is gebeurd, op zijn eigen tempo.",
    "parenting": "Moeder wil hulp bij grenzen stellen.",
}
NEEDS_OLD = {
    "school": "Examens dit jaar: huiswerkplek en contact met de mentor op school.",
    "safety": "Weten dat vader het adres niet kent.",
    "friends": "Vrienden kunnen blijven zien.",
}


def _seed_intake(child: Child, index: int, held_on: date, writer, *, complete: bool) -> None:
    variant = services.intake_variant_for(child, held_on)
    data: dict = {
        "held_on": held_on,
        "held_by": writer,
        "school_name": child.school_name,
        "school_contact": child.school_contact,
        "gp": "Huisartsenpraktijk Schalkwijk, dr. Aziz",
        "custody": Custody.BOTH_PARENTS if index % 3 else Custody.ONE_PARENT,
        "other_parent_contact": OtherParentContact.NOT_ALLOWED if index % 4 == 0 else OtherParentContact.SUPERVISED,
    }
    if variant == IntakeVariant.OBSERVATION:
        data |= {
            "present": IntakePresence.PARENT,
            "observation": OBSERVATIONS[index % len(OBSERVATIONS)],
            "needs": NEEDS_YOUNG,
            "school_name": child.school_name or "Kinderdagverblijf De Boomhut",
            "health": "Vaccinaties volgens schema tot 9 maanden; daarna gemist.",
        }
    elif variant == IntakeVariant.CONVERSATION:
        data |= {
            "present": IntakePresence.MENTOR if index % 2 else IntakePresence.PARENT,
            "answers": ANSWERS[index % len(ANSWERS)],
            "needs": NEEDS_MIDDLE,
            "school_notes": "Groep 5; heeft sinds de opname drie dagen gemist.",
        }
    else:
        data |= {
            "present": IntakePresence.ALONE,
            "own_words": OWN_WORDS[index % len(OWN_WORDS)],
            "consent": {"school": True, "health": True, "parent_reads": index % 2 == 0},
            "needs": NEEDS_OLD,
        }
    if may_see_safety(writer, child.household):
        data |= {
            "safety_signals": index == 0,
            "safety_assessment": "Kind vertelt over geweld thuis; nu veilig in de opvang." if index == 0 else "",
        }
    if not complete:
        data = {key: data[key] for key in ("held_on", "held_by", "present", "school_name")}
    services.child_intake_save(child=child, by=writer, complete=complete, **data)


def _seed_child(child: Child, index: int, start: date, colleagues: list, today: date) -> None:
    older = child.age() >= 8
    # Mentor: most children, a few without one yet.
    mentor = child.mentor
    if mentor is None and colleagues and index % 6 != 4:
        mentor = colleagues[index % len(colleagues)]
        services.child_assign_mentor(child=child, mentor=mentor, on=_on(start, 1, today) or today)
    writer = mentor or (colleagues[0] if colleagues else None)
    # Own intake: most completed within 14 days, every 7th late, every 7th (other) only a draft.
    if writer and not child.intakes.exists():
        held_on = _on(start, 20 if index % 7 == 5 else 2 + index % 10, today)
        if held_on:
            _seed_intake(child, index, held_on, writer, complete=index % 7 != 3)
    # The child's voice: one to three entries over time, in its own words: from 4 (a baby's voice
    # is heard through the observation of its intake, not written down as words).
    if writer and not child.voices.exists() and child.age() >= OBSERVATION_AGE:
        wishes, worries = (WISHES_OLD, WORRIES_OLD) if older else (WISHES_YOUNG, WORRIES_YOUNG)
        themes = THEMES_OLD if older else THEMES_YOUNG
        for n, days in enumerate((5, 30, 60)[: 1 + index % 3]):
            on = _on(start, days, today)
            if on:
                services.child_voice_add(
                    child=child,
                    recorded_on=on,
                    wishes=wishes[(index + n) % len(wishes)],
                    worries=worries[(index + n) % len(worries)] if n % 2 == 0 else "",
                    theme=themes[(index + n) % len(themes)],
                    recorded_by=writer,
                )
    # Referrals to specialised youth care for every fourth child.
    if index % 4 == 1 and not child.referrals.exists() and (referred_on := _on(start, 10, today)):
        provider, kind = REFERRALS[index % len(REFERRALS)]
        referral = services.youth_care_refer(child=child, provider=provider, kind=kind, referred_on=referred_on)
        if started_on := _on(start, 24, today):
            services.youth_care_start(referral=referral, started_on=started_on)
            if index % 8 == 1 and (ended_on := _on(start, 80, today)):
                services.youth_care_end(referral=referral, ended_on=ended_on)
    # Veerkracht: group or individual for most, not offered (with a reason) for some.
    if not child.veerkracht.exists():
        if index % 5 == 2:
            services.veerkracht_not_offered(
                child=child, reason="Het gezin verblijft maar kort; de moeder krijgt tips mee voor thuis."
            )
        elif index % 5 != 4 and (started_on := _on(start, 7, today)):
            form = VeerkrachtForm.GROUP if older else VeerkrachtForm.INDIVIDUAL
            track = services.veerkracht_start(child=child, form=form, started_on=started_on)
            weeks = (today - started_on).days // 7
            services.veerkracht_update(
                track=track,
                phase=1 if weeks < 3 else 2 if weeks < 10 else 3,
                sessions_attended=min(weeks, 10),
                ended_on=_on(start, 90, today) if weeks >= 12 else None,
            )
    # Other professionals: every sixth child meets many faces (above the threshold).
    if not Involvement.objects.filter(child=child, user__isnull=True).exists():
        count = len(EXTERNALS) if index % 6 == 0 else 1 + index % 2
        for n, (name, organisation, role) in enumerate(EXTERNALS[:count]):
            services.involvement_add(
                child=child,
                external_name=name,
                external_organisation=organisation,
                role=role,
                started_on=_on(start, 3 + 4 * n, today) or start,
            )
    # Meldcode procedures for two children: one complete with a report, one under way.
    if index in (0, 9) and writer and not child.meldcode_steps.exists():
        last_step = 5 if index == 0 else 2
        for step in range(1, last_step + 1):
            done_on = _on(start, 2 * step, today)
            if done_on is None:
                break
            services.meldcode_step_record(
                child=child,
                step=step,
                done_on=done_on,
                notes="Signalen besproken in het teamoverleg." if step == 1 else "",
                recorded_by=writer,
                veilig_thuis_report=True if step == 5 else None,
            )
        if index == 0 and not child.protection_concerns:
            services.child_safety_update(
                child=child,
                expected_version=child.version,
                protection_concerns="Kind vertelt over geweld thuis; vader kent het adres niet.",
                safety_scale=5,
                veilig_thuis_report=step == 5,
            )
