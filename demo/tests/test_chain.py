from django.core.management import call_command

from chain.models import ChainConsultation, ConsultationCase, Decision, StuckMark


def chain_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (StuckMark, ChainConsultation, ConsultationCase, Decision)
    }


def test_seed_demo_makes_stuck_households_and_a_consultation_once(db) -> None:
    call_command("seed_demo", verbosity=0)
    first = chain_counts()
    call_command("seed_demo", verbosity=0)
    assert chain_counts() == first
    assert StuckMark.objects.filter(resolved_on__isnull=True).count() >= 3
    assert StuckMark.objects.filter(resolved_on__isnull=False).exists()
    assert first["ChainConsultation"] == 1
    assert first["Decision"] == first["ConsultationCase"] >= 1
