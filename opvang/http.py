"""Request types for view annotations: what the middleware stack guarantees (typing only).

``LoginRequiredMiddleware`` lets only signed-in users reach a view that is not marked
``login_not_required``, and django-htmx's middleware sets ``request.htmx`` on every request.
Annotating such a view's ``request`` as :class:`AuthenticatedHttpRequest` tells the type
checker both, instead of narrowing ``request.user`` by hand in every view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from .models import User


class HtmxHttpRequest(HttpRequest):
    """Any request (signed in or not) after django-htmx's middleware."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request that passed ``LoginRequiredMiddleware``: ``request.user`` is a real user."""

    user: User
