"""Every page type of the admin, for a superuser who chose English or Spanish, in the
light and the dark colour scheme: axe (WCAG 2.2 AA, conftest.AXE_TAGS) finds
nothing, the page is in her language and in the scheme asked for and no wider than
the window, and nothing is refused or broken (a style or script the CSP refused, a
missing file, an error in a script: open_page). The widgets the admin's scripts
draw keep their names as they change, and the date picker's are named in Spanish."""

import json
import re

import pytest

from tests.browser.conftest import (
    BROWSER_LOCALE,
    assert_accessible,
    audit,
    open_page,
    signed_in_as,
)
from tests.query_budgets.budgets import BUDGETS
from tests.query_budgets.page_requests import REQUESTS, ROOT, url_of

pytestmark = pytest.mark.django_db(transaction=True)

# The admin's ground in each scheme (--body-bg in Django's admin/css/base.css and
# admin/css/dark_mode.css).
ADMIN_PAPER = {"light": "rgb(255, 255, 255)", "dark": "rgb(18, 18, 18)"}

# Admin URLs that answer no page: admin:jsi18n is the admin scripts' catalog
# (JavaScript), admin:autocomplete the autocomplete widget's results (JSON).
NOT_PAGES = {"admin:jsi18n", "admin:autocomplete"}

# Every page the admin shows a superuser: index, app index, password pages, the
# digest preview, and every ModelAdmin's changelist, add, change, delete and history
# (tests/query_budgets, which requests each the same way).
ADMIN_PAGES = [
    key
    for key in BUDGETS
    if key.startswith("admin:")
    and REQUESTS[key].viewer == ROOT
    and REQUESTS[key].status == 200
    and key not in NOT_PAGES
]


@pytest.mark.parametrize("language", BROWSER_LOCALE)
def test_every_admin_page_type_passes_axe(browser, live_server, world, language):
    # Her choice on her profile, whatever her browser asks for.
    world.superuser.profile.language = language
    world.superuser.profile.save(update_fields=["language"])
    other = next(code for code in BROWSER_LOCALE if code != language)
    urls = [url_of(world, key) for key in ADMIN_PAGES]
    with open_page(browser, live_server.url, locale=BROWSER_LOCALE[other]) as page:
        signed_in_as(page, live_server, world.superuser)
        found = audit(page, language, urls, ADMIN_PAPER)
        # Here, so that the browser's errors are reported too (closing the page).
        assert not found, json.dumps(found, indent=1)


def test_widgets_drawn_by_scripts_keep_their_names_as_they_change(
    browser, live_server, world
):
    """An autocomplete after a choice and a row added to an inline are named as
    the page's first drawing was (static/js/admin-names.js, the tabular inline's
    template), and the choice is made."""
    with open_page(browser, live_server.url) as page:
        signed_in_as(page, live_server, world.superuser)
        page.goto(url_of(world, "admin:resources_resource_change"))
        chosen = page.locator(".field-related .select2-selection__choice")
        before = chosen.count()
        page.get_by_role("searchbox", name=re.compile("^Related resources")).fill(
            "Resource"
        )
        page.get_by_role("listbox").get_by_role(
            "option", name=re.compile("^Resource number")
        ).first.click()
        assert chosen.count() == before + 1
        assert_accessible(page)

        page.goto(url_of(world, "admin:cohorts_cohort_change"))
        inline = page.get_by_role("group", name="Participating cities")
        cities = inline.get_by_role("combobox", name=re.compile("^City"))
        rows = cities.count()
        inline.get_by_role("button", name="Add another Participating city").click()
        assert cities.count() == rows + 1
        assert inline.get_by_role("textbox", name="Joined on").count() == rows + 1
        assert_accessible(page)


def test_the_date_pickers_links_are_named_in_spanish(browser, live_server, world):
    world.superuser.profile.language = "es"
    world.superuser.profile.save(update_fields=["language"])
    with open_page(browser, live_server.url) as page:
        signed_in_as(page, live_server, world.superuser)
        page.goto(url_of(world, "admin:cohorts_cohort_change"))
        today = page.get_by_role("button", name=re.compile(r"^Hoy \(")).first
        assert today.inner_text() == "Hoy"
        assert re.fullmatch(
            r"Hoy \(\d{1,2} de [a-z]+ de \d{4}\)", today.get_attribute("aria-label")
        )
