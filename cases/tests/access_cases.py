from opvang.tests.matrix import CASE_ROLES, Route

ROUTES = [
    Route("cases:caseload", roles=CASE_ROLES, methods=("get",)),
    Route("cases:household_detail", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": hh.pk}, methods=("get",)),
]
