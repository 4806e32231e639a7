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
    # Second factor (the test settings switch the requirement off; opvang/tests/test_security_2fa.py
    # covers it switched on). No device yet: verify sends to setup; setup shows the QR code.
    Route(
        "two_factor_verify",
        roles=frozenset({"caseworker", "team_lead", "policy_officer", "contract_manager", "admin"}),
        get_ok=frozenset({302}),
        post_ok=frozenset({302}),
    ),
    Route(
        "two_factor_setup",
        roles=frozenset({"caseworker", "team_lead", "policy_officer", "contract_manager", "admin"}),
        post_ok=frozenset({200}),
    ),
    Route(
        "two_factor_backup_codes",
        roles=frozenset({"caseworker", "team_lead", "policy_officer", "contract_manager", "admin"}),
        get_ok=frozenset({302}),
        methods=("get",),
    ),
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
