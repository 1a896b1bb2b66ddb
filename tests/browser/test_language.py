"""The site in Spanish in a browser: a guest switches the language with the
footer's switcher by keyboard alone, and the Spanish pages reflow at 320 CSS
pixels (WCAG 1.4.10) with nothing clipped or off the side."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, open_page, signed_in_as
from tests.query_budgets.page_requests import url_of

pytestmark = pytest.mark.django_db(transaction=True)


FOCUSED = "(el) => el === document.activeElement"


def _tab_to(page, selector: str, most: int = 300) -> None:
    """Press Tab from the top of the page until the element is focused."""
    page.locator("body").focus()
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_a_guest_switches_to_spanish_by_keyboard_alone(page, world):
    library = url_of(world, "resources:resource_list")
    page.goto(library)
    assert page.evaluate("document.documentElement.lang") == "en"
    _tab_to(page, "#footer-language")
    page.keyboard.press("ArrowDown")  # from English to Español
    assert page.locator("#footer-language").input_value() == "es"
    page.keyboard.press("Tab")
    assert page.get_by_role("button", name="Change").evaluate(FOCUSED)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    # Back on the same page, whose new title a screen reader reads out, with the
    # switcher showing the choice, and the keyboard starting again from the top.
    assert page.url.endswith(library)
    assert page.title().startswith("Biblioteca")
    assert page.locator("#footer-language").input_value() == "es"
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido principal")
    assert skip.evaluate(FOCUSED)
    assert_accessible(page)


# WCAG 1.4.10: at 320 CSS pixels wide the page scrolls only down. What reaches
# past the side of the window (outside a box that scrolls sideways on purpose,
# such as a wide table's), what is cut off inside its own box, and a field's
# hint (placeholder) wider than the field.
PAST_THE_SIDE = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => el.closest(".table-scroll, pre");
  const shown = (el) => el.checkVisibility() && !el.closest(".visually-hidden");
  const clips = (overflow) => ["hidden", "clip"].includes(overflow);
  const ruler = document.createElement("canvas").getContext("2d");
  const cutOff = (el, style) => {
    if (el.matches("input[placeholder]:placeholder-shown")) {
      ruler.font = style.font;
      const inside = el.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight);
      return ruler.measureText(el.placeholder).width > inside;
    }
    if (el.matches("input, textarea, select")) return false;  // values scroll
    return (clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
      (clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
  };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!shown(el) || scrolls(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 || box.left < -1)
      found.push(`${el.outerHTML.slice(0, 90)}: ${box.left}..${box.right}`);
    else if (cutOff(el, getComputedStyle(el)))
      found.push(`${el.outerHTML.slice(0, 90)}: cut off`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, found};
}"""
NARROW = {"width": 320, "height": 640}
REFLOW_PAGES = [
    "home",
    "resources:resource_list",
    "community:thread_detail",
    "cohorts:cohort_detail",
]


def _too_wide(page, world) -> dict:
    found = {}
    for name in REFLOW_PAGES:
        page.goto(url_of(world, name))
        assert page.evaluate("document.documentElement.lang") == "es", name
        seen = page.evaluate(PAST_THE_SIDE)
        if seen["scrollWidth"] > seen["width"] or seen["found"]:
            found[name] = seen
    return found


@pytest.mark.parametrize("viewer", ["guest", "member"])
def test_spanish_pages_reflow_at_320_pixels(browser, live_server, world, viewer):
    world.member.profile.language = "es"
    world.member.profile.save(update_fields=["language"])
    with open_page(browser, live_server.url, locale="es-MX", viewport=NARROW) as page:
        if viewer == "member":
            signed_in_as(page, live_server, world.member)
        found = _too_wide(page, world)
    assert not found, json.dumps(found, indent=1)
