"""PDF rendering with WeasyPrint that never fetches anything from outside the project's static files.

User input can end up in a PDF (a goal, a note). WeasyPrint would follow <img src="http://…">
or file:// URLs in it; the url_fetcher below refuses everything except our own static files.
"""

from __future__ import annotations

from pathlib import Path

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


class ForbiddenResource(Exception):
    pass


def _static_roots() -> list[Path]:
    return [Path(p).resolve() for p in settings.STATICFILES_DIRS]


def safe_url_fetcher(url: str, timeout: int = 10, ssl_context=None) -> dict:
    """Serve /static/… from the project's static files; refuse every other URL."""
    prefix = settings.STATIC_URL
    for base in ("", "http://opvang.invalid"):
        if url.startswith(base + prefix):
            relative = url[len(base + prefix) :].split("?", 1)[0]
            found = finders.find(relative)
            if found:
                path = Path(found).resolve()
                if any(path.is_relative_to(root) for root in _static_roots()):
                    return {"string": path.read_bytes(), "filename": path.name}
    raise ForbiddenResource(f"PDF rendering may not fetch {url[:100]!r}")


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to PDF bytes (base URL is a dummy host; only /static/ resolves)."""
    html = render_to_string(template_name, context)
    document = weasyprint.HTML(string=html, base_url="http://opvang.invalid/", url_fetcher=safe_url_fetcher)
    return document.write_pdf()
