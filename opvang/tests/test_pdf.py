"""The PDF renderer fetches only the project's own static files."""

import io

import pytest
from pypdf import PdfReader

from opvang.pdf import ForbiddenResource, StaticOnlyFetcher, render_pdf


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


def test_user_input_urls_do_not_reach_the_pdf(tmp_path, settings) -> None:
    settings.TEMPLATES[0]["DIRS"] = [tmp_path, *settings.TEMPLATES[0]["DIRS"]]
    (tmp_path / "t.html").write_text(
        '<p>Doel: {{ text }}</p><img src="file:///etc/hostname"><img src="http://127.0.0.1:9/x.png">'
    )
    pdf = render_pdf("t.html", {"text": "naar school"})
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Doel: naar school" in text
