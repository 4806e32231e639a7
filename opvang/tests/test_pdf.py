"""The PDF renderer fetches only the project's own static files."""

import io

import pytest
from pypdf import PdfReader

from opvang.pdf import ForbiddenResource, StaticOnlyFetcher, html_to_pdf


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:1/x.png",
        "https://example.org/a.css",
        "/static/../../opvang/settings/base.py",
    ],
)
def test_fetcher_refuses_everything_but_static_files(url) -> None:
    with pytest.raises(ForbiddenResource):
        StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_project_static_files() -> None:
    response = StaticOnlyFetcher().fetch("/static/css/opvang.css")
    assert b"Opvang" in response.read()


def test_user_input_urls_do_not_reach_the_pdf() -> None:
    html = '<p>Doel: naar school</p><img src="file:///etc/hostname"><img src="http://127.0.0.1:9/x.png">'
    text = PdfReader(io.BytesIO(html_to_pdf(html))).pages[0].extract_text()
    assert "Doel: naar school" in text
