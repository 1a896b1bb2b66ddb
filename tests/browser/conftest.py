"""Playwright driving Debian's Chromium against live_server, with an axe-core audit."""

import json
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from tests.client import Client
from tests.factories import totp_code
from tests.query_budgets.world import build_world

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: install Debian's package "
            "(apt-get install chromium) to run the browser tests."
        )
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run `npm ci` (make test does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@contextmanager
def open_page(browser, base_url: str, **context_options):
    """A page in a browser context of its own (context_options: locale, viewport,
    ...). A script, style or image the CSP refused or the server lacked, or an error
    in a script, fails the test once the page is closed."""
    context = browser.new_context(base_url=base_url, **context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = []

    def on_console(message):
        # on_response reports failed loads; the page itself may be a 404 on purpose.
        if message.type == "error" and not message.text.startswith("Failed to load"):
            problems.append(f"{page.url}: {message.text}")

    def on_response(response):
        if response.status >= 400 and not response.request.is_navigation_request():
            problems.append(f"{response.status} for {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    try:
        yield page
    finally:
        context.close()
        # Also when the test failed: its report then shows both.
        assert not problems, f"browser errors: {problems}"


@pytest.fixture
def page(browser, live_server):
    with open_page(browser, live_server.url) as page:
        yield page


@pytest.fixture
def world():
    """A little of everything (tests/query_budgets/world.py), for url_of()."""
    return build_world(2)


# WCAG 2.2 at level AA (each level's rules are tagged by the version that added
# them), and axe's best practices. Rules that are off by default but belong to
# these levels, such as target-size (2.5.8), run too.
AXE_TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
]


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is and return its violations."""
    # evaluate() runs through the DevTools protocol, which the page's CSP does not
    # govern, so the audit sees the page under its real policy.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())
    results = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        AXE_TAGS,
    )
    return results["violations"]


def settle(page) -> None:
    """Wait for the page's CSS transitions to end: after the colour scheme changes,
    a colour in transition (Django's admin eases its links' and buttons') is
    neither the old one nor the new."""
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter((a) => a.effect.getComputedTiming().endTime !== Infinity)
            .map((a) => a.finished.catch(() => null)))"""
    )


# Each language as a browser asks for it (Playwright's locale is its
# Accept-Language, which Django's LocaleMiddleware reads for guests).
BROWSER_LOCALE = {"en": "en-US", "es": "es-MX"}


def audit(page, language: str, urls: list[str], paper: dict, statuses=(200,)) -> dict:
    """Each URL's problems: its answer if not an HTML page with one of statuses,
    its language if not the one expected, its width if more than the window's,
    and in each colour scheme of paper ({scheme: the body's background colour in
    it}) axe's violations (rule and first targets)."""
    found = {}
    for url in urls:
        page.emulate_media(color_scheme="light")
        response = page.goto(url)
        kind = response.headers.get("content-type", "")
        if response.status not in statuses or not kind.startswith("text/html"):
            found[url] = {"status": response.status, "content-type": kind}
            continue
        lang = page.evaluate("document.documentElement.lang")
        if lang != language:
            found[url] = {"html lang": lang}
        # Not wider than the window: a page scrolled sideways hides its edge.
        wider = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        if wider > 0:
            found.setdefault(url, {})["wider than the window by"] = wider
        # The schemes differ only by CSS media queries (no script reads them), so
        # one load serves both.
        for scheme in paper:
            page.emulate_media(color_scheme=scheme)
            settle(page)
            ground = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert ground == paper[scheme], (url, scheme, ground)
            violations = axe_violations(page)
            if violations:
                found[f"{url} ({scheme})"] = [
                    {"rule": v["id"], "targets": [n["target"] for n in v["nodes"]][:4]}
                    for v in violations
                ]
    return found


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    summary = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in violations
    ]
    assert not violations, f"axe found on {page.url}:\n{json.dumps(summary, indent=2)}"


HOME_URL = re.compile(r"^http://[^/]+/$")


def sign_in(
    page,
    email: str,
    password: str,
    *,
    then: str | re.Pattern = HOME_URL,
    totp_secret: str = "",
):
    """Sign in through allauth's form (and its second step, with the code of the
    authenticator app whose secret is given) and wait for the page it leads to."""
    if "/accounts/login/" not in page.url:
        page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if totp_secret:
        page.wait_for_url("**/accounts/2fa/authenticate/**")
        page.get_by_label(re.compile("code", re.I)).fill(totp_code(totp_secret))
        page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_url(then)


def signed_in_as(page, live_server, user) -> None:
    """Give the page's browser a session of user's, as if they had signed in
    (for tests about pages, not about signing in: second factors are skipped)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
