from opvang.tests.matrix import CASE_ROLES, Route

ROUTES = [
    Route(
        "children:child_detail", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": hh.children.first().pk}, methods=("get",)
    ),
]
