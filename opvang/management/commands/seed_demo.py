"""Create fictional but realistic demo data for the Haarlem region. Idempotent."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from opvang.demo import DEMO_PASSWORD, USERS, seed_network

# Each app that contributes demo data has a demo.py with seed(network); called in this order.
APP_SEEDS = ["cases.demo", "children.demo", "plans.demo", "reports.demo"]


class Command(BaseCommand):
    help = "Create demo data (organisations, locations, staff, families). Running it twice creates nothing twice."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        network = seed_network()
        for module_name in APP_SEEDS:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            module.seed(network)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Demo logins (password: {DEMO_PASSWORD}):"))
        for username, (_org, role, *_rest) in USERS.items():
            self.stdout.write(f"  {username:<20} {role.label}")
