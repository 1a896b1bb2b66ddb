"""What WCAG 2.2 adds at level AA that axe cannot check, tried by keyboard and
by measuring the pages: focus not obscured (2.4.11), target size (2.5.8),
dragging movements (2.5.7), consistent help (3.2.6) and accessible
authentication (3.3.8). Redundant entry (3.3.7) is in test_accounts_flow.py and
test_drafts.py (what a person typed comes back after an error)."""

import re

import pytest

from tests.browser.conftest import ROOT, signed_in_as
from tests.factories import PASSWORD, UserFactory, give_second_factor, totp_code
from tests.query_budgets.page_requests import url_of

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


# --- 2.4.11 Focus not obscured ----------------------------------------------------

# Where the focused element shows: the first of its boxes that is not empty (a
# link may wrap; one around a picture has the picture's), cut to the viewport;
# "hidden" when nothing of it is in view, or when what the browser finds at the
# middle of its visible part is another element laid over it.
FOCUSED_BOX = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = [el, ...el.querySelectorAll("*")].flatMap(e => [...e.getClientRects()])
    .find(r => r.width >= 1 && r.height >= 1) || el.getBoundingClientRect();
  const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
  const name = el.outerHTML.slice(0, 120);
  if (right - left < 1 || bottom - top < 1) return {name, hidden: "out of view"};
  const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  const own = hit && (el.contains(hit) || hit.contains(el) ||
    (hit.control === el) || (el.labels && [...el.labels].includes(hit)));
  const over = hit ? hit.outerHTML.slice(0, 120) : "?";
  return {name, hidden: own ? "" : "under " + over};
}"""

STUCK = """() => [...document.querySelectorAll("body *")]
  .filter(el => ["fixed", "sticky"].includes(getComputedStyle(el).position))
  .map(el => el.className)"""


def _tab_through(page, stops: int) -> list[dict]:
    """Tab from the top of the page; where each focused element was."""
    page.locator("body").focus()
    seen = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        where = page.evaluate(FOCUSED_BOX)
        if where is not None:
            seen.append(where)
    return seen


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_focus_is_never_hidden_under_anything(page, live_server, world, viewport):
    signed_in_as(page, live_server, world.member)
    page.set_viewport_size(viewport)
    for name in ("community:thread_detail", "resources:resource_list"):
        page.goto(url_of(world, name))
        # Nothing on the site stays put while the page scrolls (no sticky header);
        # if something ever does, the walk below is what holds it to 2.4.11.
        assert page.evaluate(STUCK) == [], name
        seen = _tab_through(page, 120)
        assert len(seen) > 60, name  # a long walk: it scrolled down the page
        hidden = [where for where in seen if where["hidden"]]
        assert not hidden, (name, hidden)


# --- 2.5.8 Target size (minimum) --------------------------------------------------

# The site's controls: not links inside running text (2.5.8's inline exception).
CONTROLS = ", ".join(
    [
        "button",
        "input:not([type=hidden])",
        "select",
        "textarea",
        "summary",
        "a.button",
        ".site-header a",
        ".site-footer a",
        ".tags a",
        ".active-filters a",
        ".search-tabs a",
        ".filter-tabs a",
        ".page-nav a",
        ".pagination a",
        ".post-actions a",
        "[role=option]",
    ]
)
TOO_SMALL = """(selector) => [...document.querySelectorAll(selector)]
  .filter(el => el.checkVisibility() && !el.closest(".visually-hidden"))
  .map(el => ({el, box: el.getBoundingClientRect()}))
  .filter(({box}) => box.width < 24 || box.height < 24)
  .map(({el, box}) => `${el.outerHTML.slice(0, 100)}: ${box.width}x${box.height}`)"""


def test_every_control_is_at_least_24_pixels_square(page, live_server, world):
    guest_pages = ["resources:resource_list", "community:thread_detail", "help"]
    member_pages = [
        "community:thread_detail",
        "community:thread_create",
        "community:profile_edit",
        "community:settings",
        "community:conversation_detail",
        "cohorts:cohort_detail",
        "search",
    ]
    found = {}
    for viewer, names in (("guest", guest_pages), ("member", member_pages)):
        if viewer == "member":
            signed_in_as(page, live_server, world.member)
        for name in names:
            page.goto(url_of(world, name))
            if viewer == "member":
                page.locator(".account-menu summary").click()  # its links too
            small = page.evaluate(TOO_SMALL, CONTROLS)
            if small:
                found[f"{viewer} {name}"] = small
    assert not found, found


# --- 2.5.7 Dragging movements -----------------------------------------------------


def test_nothing_needs_dragging(page, live_server, world):
    scripts = sorted((ROOT / "static" / "js").glob("*.js"))
    assert scripts
    for script in scripts:
        text = script.read_text()
        for event in ("drag", "pointermove", "mousemove", "touchmove"):
            assert event not in text, f"{script.name} listens for {event}"
    signed_in_as(page, live_server, world.member)
    for name in ("community:thread_detail", "community:thread_create", "home"):
        page.goto(url_of(world, name))
        assert page.locator("[draggable=true]").count() == 0, name


# --- 3.2.6 Consistent help --------------------------------------------------------

FOOTER_LINKS = """() => [...document.querySelectorAll("body > footer a")].map(a =>
  [a.textContent.trim(), a.getAttribute("href")])"""
LAST_PART = """() => [...document.body.children].filter(el => el.tagName !== "SCRIPT")
  .at(-1).tagName"""
HELP = [["Help and contact", "/help/"], ["Accessibility", "/help/#accessibility"]]


def test_help_is_in_the_same_place_on_every_page(page, live_server, world, settings):
    settings.SITE_CONTACT_EMAIL = "help@commons.example.org"
    guest = ["home", "resources:resource_list", "community:thread_detail", "search"]
    member = ["home", "community:settings", "community:conversation_detail"]
    urls = [url_of(world, name) for name in guest]
    urls += ["/accounts/login/", "/accounts/signup/", "/no/such/page/"]
    for url in urls:
        page.goto(url)
        assert page.evaluate(FOOTER_LINKS)[:2] == HELP, url
        assert page.evaluate(LAST_PART) == "FOOTER", url
    signed_in_as(page, live_server, world.member)
    for name in member:
        page.goto(url_of(world, name))
        assert page.evaluate(FOOTER_LINKS)[:2] == HELP, name
    page.get_by_role("link", name="Help and contact").click()
    page.wait_for_url("**/help/")
    assert page.get_by_role("heading", level=1).inner_text() == "Help and contact"
    assert page.get_by_role("link", name="help@commons.example.org").get_attribute(
        "href"
    ) == ("mailto:help@commons.example.org")
    assert page.get_by_role("heading", name="Accessibility").is_visible()


# --- 3.3.8 Accessible authentication (minimum) ------------------------------------

NO_PUZZLE = """() => !document.querySelector(`main iframe, main canvas, form img,
  [class*=captcha i], [id*=captcha i], [name*=captcha i]`)"""


def _paste(page, field, text: str) -> None:
    """Put text on the clipboard and paste it into field with the keyboard."""
    page.evaluate("(text) => navigator.clipboard.writeText(text)", text)
    field.focus()
    page.keyboard.press("ControlOrMeta+V")


def test_signing_in_takes_pasting_and_password_managers_and_no_puzzle(
    page, live_server
):
    ana = UserFactory(email="ana@example.org", profile__display_name="Ana Ruiz")
    secret = give_second_factor(ana)
    page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page.goto("/accounts/login/")
    email, password = page.get_by_label("Email"), page.get_by_label("Password")
    # What password managers fill in (and what lets a browser offer saved ones).
    assert email.get_attribute("autocomplete") == "email"
    assert password.get_attribute("type") == "password"
    assert password.get_attribute("autocomplete") == "current-password"
    assert page.evaluate(NO_PUZZLE)
    _paste(page, email, "ana@example.org")
    _paste(page, password, PASSWORD)
    assert email.input_value() == "ana@example.org"
    assert password.input_value() == PASSWORD
    page.get_by_role("button", name="Sign In").click()
    # The second step: a code the authenticator app shows, which it may also fill.
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    code = page.get_by_label(re.compile("code", re.I))
    assert code.get_attribute("autocomplete") == "one-time-code"
    assert page.evaluate(NO_PUZZLE)
    _paste(page, code, totp_code(secret))
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_url(re.compile(r"^http://[^/]+/$"))
    assert page.get_by_test_id("header-name").inner_text() == "Ana Ruiz"


def test_signing_up_lets_a_password_manager_make_the_password(page):
    page.goto("/accounts/signup/")
    assert page.get_by_label("Email").get_attribute("autocomplete") == "email"
    for field in ("#id_password1", "#id_password2"):
        assert page.locator(field).get_attribute("autocomplete") == "new-password"
    assert page.evaluate(NO_PUZZLE)
