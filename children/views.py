from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opvang.audit import record_access

from . import selectors


def child_detail(request: HttpRequest, pk: int) -> HttpResponse:
    child = selectors.child_get_for_user(request.user, pk)
    record_access(child)
    return render(request, "children/child_detail.html", {"child": child})
