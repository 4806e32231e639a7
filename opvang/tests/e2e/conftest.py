"""Browser tests: Playwright for Python driving Debian's Chromium against pytest-django's live_server.

- ``playwright install`` cannot download browsers on these machines, so Chromium comes from
  Debian (``/usr/bin/chromium``, installed by ``scripts/system-deps.sh --test``). Without it every
  test here is skipped with a reason instead of failing.
- ``live_server`` runs Django in a thread of the test process; the test data must be committed
  for that thread to see it, so these tests use ``transactional_db`` (``live_server`` implies it).
- ORM calls from a test that also drives Playwright's sync API trip Django's async-safety check;
  ``DJANGO_ALLOW_ASYNC_UNSAFE`` turns that off (set before Django touches the database).
- The pages have a strict Content Security Policy; ``bypass_csp`` lets us inject axe-core.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("OPVANG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[3]
AXE_JS = Path(__file__).resolve().parent / "assets" / "axe-core" / "axe.min.js"  # a test asset, not in static/
SCREENSHOTS = Path(os.environ.get("OPVANG_SCREENSHOTS", REPO / "test-results" / "screenshots"))
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(config, items) -> None:
    """Every test in this folder is an e2e test; without Chromium they skip with a reason."""
    here = Path(__file__).parent
    missing = None if CHROMIUM.exists() else f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    for item in items:
        if Path(str(item.fspath)).parent != here:
            continue
        item.add_marker(pytest.mark.e2e)
        if missing:
            item.add_marker(pytest.mark.skip(reason=missing))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "bypass_csp": True,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
        "viewport": {"width": 1280, "height": 900},
        "accept_downloads": True,
    }


@pytest.fixture(autouse=True)
def _e2e_defaults(page, settings):
    # Fail fast: a missing element should cost seconds, not Playwright's default 30.
    page.set_default_timeout(10_000)
    settings.OPVANG_REQUIRE_2FA = False
    yield


# --- helpers -------------------------------------------------------------------------------


def url(live_server, path: str) -> str:
    return f"{live_server.url}{path}"


def login(page, live_server, username: str, password: str) -> None:
    """Log in through the login form, as a person would; ends on the role's home page."""
    page.goto(url(live_server, "/login/"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/login/" not in page.url, f"login as {username} failed: still on {page.url}"


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join(line.strip() for line in node.get("failureSummary", "").splitlines()[1:])
            lines.append(f"    at {target}: {node['html'][:200]}\n      {summary}")
    return "\n".join(lines)


def settle(page) -> None:
    """Wait until running CSS transitions and animations have finished.

    After a click the pointer still hovers the button (and an HTMX swap adds settle classes), so
    Bootstrap's 0.15 s colour transitions may be half-way; axe would then measure the contrast of
    an in-between colour that no user ever reads.
    """
    page.evaluate(
        """() => Promise.all(document.getAnimations().filter(a => isFinite(a.effect?.getTiming().iterations ?? 1))
                                                      .map(a => a.finished.catch(() => null)))"""
    )


def axe_violations(page) -> list[dict]:
    """All WCAG 2.1 A/AA violations axe-core finds on the current page."""
    settle(page)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        WCAG_TAGS,
    )
    return result["violations"]


def axe_check(page) -> list[dict]:
    """Fail on serious or critical violations, listing rule, impact and elements; return the rest.

    Every finding is also appended to test-results/axe.txt. With E2E_AXE_REPORT_ONLY=1 (local
    debugging of a flow while a template fix is pending) nothing fails; never set it in CI.
    """
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if violations:
        SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
        with open(SCREENSHOTS.parent / "axe.txt", "a", encoding="utf-8") as log:
            log.write(f"{page.url}\n{format_violations(violations)}\n\n")
    if os.environ.get("E2E_AXE_REPORT_ONLY") == "1":
        return violations
    assert not blocking, f"axe-core: serious/critical WCAG 2.1 A/AA violations on {page.url}:\n" + format_violations(
        blocking
    )
    return violations


def shot(page, flow: str, name: str) -> Path:
    """Screenshot of the whole page into test-results/screenshots/<flow>/<name>.png."""
    folder = SCREENSHOTS / flow
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def visit(page, flow: str, name: str) -> None:
    """What every page of a flow gets: lang="nl", an axe run, a screenshot."""
    assert page.locator("html").get_attribute("lang") == "nl", f"lang is not nl on {page.url}"
    axe_check(page)
    shot(page, flow, name)
