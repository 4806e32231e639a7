from opvang.tests.matrix import Route

ROUTES = [
    Route(
        "home",
        roles=frozenset({"caseworker", "team_lead", "policy_officer", "contract_manager", "admin"}),
        get_ok=frozenset({302}),
        methods=("get",),
    ),
    Route("login", roles=frozenset(), public=True),
    Route("logout", roles=frozenset(), public=True, methods=("post",)),
    Route("set_language", roles=frozenset(), public=True, methods=("post",)),
    Route(
        "password_change", roles=frozenset({"caseworker", "team_lead", "policy_officer", "contract_manager", "admin"})
    ),
    Route(
        "password_change_done",
        roles=frozenset({"caseworker", "team_lead", "policy_officer", "contract_manager", "admin"}),
        methods=("get",),
    ),
    Route("network:management", roles=frozenset({"admin"}), methods=("get",)),
    Route("network:audit_log", roles=frozenset({"admin"}), methods=("get",)),
]
