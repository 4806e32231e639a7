from django.apps import apps
from django.core.management import call_command


def counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"opvang", "cases", "children", "plans", "outflow", "reports"}
    }


def test_seed_demo_twice_gives_the_same_counts(db) -> None:
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first
    assert first["opvang.Organisation"] >= 6
    assert first["opvang.User"] >= 5


def test_demo_has_the_seed_locations(db) -> None:
    from opvang.models import Location

    call_command("seed_demo", verbosity=0)
    names = set(Location.objects.values_list("name", flat=True))
    assert {"Velserpoort", "MO Haarlemmermeer", "Perron 18"} <= names
