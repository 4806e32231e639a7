"""PDF rendering with WeasyPrint that never fetches anything from outside the project's static files.

Every PDF is tagged PDF/UA-1 (Dutch public bodies publish accessible documents): WeasyPrint builds
the structure tree (headings, tables with header cells, figures), takes the document title from
``<title>`` (shown instead of the file name) and the language from ``<html lang="nl">``. Every
PDF template therefore has both; ``opvang/tests/test_pdf.py`` checks each kind of PDF.

User input can end up in a PDF (a goal, a note). WeasyPrint would follow <img src="http://…">
or file:// URLs in it; the url_fetcher below refuses everything except our own static files.
"""

from __future__ import annotations

from pathlib import Path

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "http://opvang.invalid/"
PDF_VARIANT = "pdf/ua-1"


class ForbiddenResource(Exception):
    pass


def _static_roots() -> list[Path]:
    return [Path(p).resolve() for p in settings.STATICFILES_DIRS]


def static_path_for(url: str) -> Path | None:
    """The file behind a /static/… URL of this project, or None for anything else."""
    for base in ("", BASE_URL.rstrip("/")):
        if url.startswith(base + settings.STATIC_URL):
            relative = url[len(base + settings.STATIC_URL) :].split("?", 1)[0]
            try:
                found = finders.find(relative)
            except SuspiciousFileOperation:
                return None
            if found:
                path = Path(found).resolve()
                if any(path.is_relative_to(root) for root in _static_roots()):
                    return path
    return None


class StaticOnlyFetcher(URLFetcher):
    """Serve /static/… from the project's static files; refuse every other URL (file://, http://, data…)."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = static_path_for(url)
        if path is None:
            raise ForbiddenResource(f"PDF rendering may not fetch {url[:100]!r}")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _content_type(path)})


def _content_type(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}.get(
        path.suffix, "application/octet-stream"
    )


def html_to_pdf(html: str) -> bytes:
    """Tagged (PDF/UA-1) PDF bytes for an HTML document; only /static/ URLs of this project resolve."""
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context))
