"""Create fictional but realistic demo data for the Haarlem region. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo import cases, chain, children, outflow, plans, reports
from demo.network import DEMO_PASSWORD, USERS, seed_network

# Each app's demo data builds on the apps below it (children need households, plans need
# children, the chain consultation and the outflow discuss households, the reports count all of
# them), so the order is the order of the layers.
APP_SEEDS = [cases.seed, children.seed, plans.seed, chain.seed, outflow.seed, reports.seed]


class Command(BaseCommand):
    help = "Create demo data (organisations, locations, staff, families). Running it twice creates nothing twice."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        network = seed_network()
        for seed in APP_SEEDS:
            seed(network)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Demo logins (password: {DEMO_PASSWORD}):"))
        for username, (_org, role, *_rest) in USERS.items():
            self.stdout.write(f"  {username:<20} {role.label}")
