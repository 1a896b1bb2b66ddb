"""The site search in a real browser: from the header box to a section's page."""

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import (
    PASSWORD,
    BoardFactory,
    ResourceFactory,
    UserFactory,
    make_thread,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_from_the_header_by_keyboard(page):
    UserFactory(username="maria", email="maria@example.org")
    for n in range(7):
        ResourceFactory(title=f"Housing toolkit {n}", slug=f"housing-{n}")
    make_thread(
        board=BoardFactory(visibility="members"),
        title="Housing first",
        body="Who has tried **housing** first?",
    )
    sign_in(page, "maria@example.org", PASSWORD)
    page.goto("/resources/")
    page.get_by_role("searchbox", name="Search the site").focus()
    page.keyboard.type("housing")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=housing")
    assert page.get_by_role("status").inner_text() == "8 results for “housing”"
    assert page.locator(".snippet mark").first.inner_text().lower() == "housing"
    assert_accessible(page)

    # The section's tab, then its own paginated list.
    tabs = page.get_by_role("navigation", name="Kinds of results")
    tabs.get_by_role("link", name="Resources (7)").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**section=resources**")
    assert page.locator(".search-hit").count() == 7
    assert (
        tabs.get_by_role("link", name="Resources (7)").get_attribute("aria-current")
        == "page"
    )
    assert_accessible(page)


def test_filters_and_an_empty_result_are_accessible(page):
    ResourceFactory(title="Transit webinar", kind="webinar", topics=["transit"])
    page.goto("/search/?q=transit")
    page.get_by_label("Kind of resource").select_option("webinar")
    page.get_by_role("search", name="Search everything").get_by_role(
        "button", name="Search", exact=True
    ).click()
    page.wait_for_url("**kind=webinar**")
    assert page.locator(".search-hit").count() == 1
    assert_accessible(page)
    page.goto("/search/?q=nothing-like-this")
    assert "Nothing found" in page.get_by_role("status").inner_text()
    assert_accessible(page)
