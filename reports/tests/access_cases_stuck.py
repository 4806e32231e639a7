"""Access-matrix entry for the region's stuck households (aggregates for the municipal roles)."""

from opvang.tests.matrix import Route

ROUTES = [
    Route("reports:stuck_region", roles=frozenset({"policy_officer", "contract_manager"}), methods=("get",)),
]
