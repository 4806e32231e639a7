from opvang.tests.matrix import Route

ROUTES = [
    Route("reports:dashboard", roles=frozenset({"policy_officer"}), methods=("get",)),
    Route("reports:report_list", roles=frozenset({"policy_officer", "contract_manager"}), methods=("get",)),
]
