"""Pages of the API: the user's own tokens (create, shown once; revoke) and the API documentation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opvang.access import role_required
from opvang.http import AuthenticatedHttpRequest

from . import access, selectors, services
from .constants import API_ROLES, API_VERSION
from .forms import ApiTokenForm

api_roles_required = role_required(*API_ROLES)


@api_roles_required
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's tokens and the form for a new one. After creating, the key is shown once."""
    form = ApiTokenForm(request.POST or None)
    context: dict = {"form": form}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            token, key = services.api_token_create(user=request.user, **form.cleaned_data)
            context |= {"new_token": token, "new_key": key, "form": ApiTokenForm()}
        else:
            status = 400
    context["tokens"] = selectors.api_token_list(user=request.user)
    return render(request, "api/token_list.html", context, status=status)


@api_roles_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = access.api_token_get_for_user(request.user, pk)
    services.api_token_revoke(token=token)
    messages.success(request, _("The token “%(name)s” has been revoked; it no longer works.") % {"name": token.name})
    return redirect("api_ui:token_list")


@api_roles_required
def docs(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "api/docs.html", {"api_version": API_VERSION})
