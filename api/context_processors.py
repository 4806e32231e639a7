from django.http import HttpRequest

from .access import may_use_api


def api_links(request: HttpRequest) -> dict:
    """The footer links to the API documentation and tokens, for roles that may use the API."""
    user = getattr(request, "user", None)
    return {"show_api_links": user is not None and may_use_api(user)}
