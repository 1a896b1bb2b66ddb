"""Every page type, for guests and members, in the light and the dark colour
scheme and in English and Spanish: axe (WCAG 2.2 AA, conftest.AXE_TAGS) finds
nothing, nothing is refused; and a member's own choice of scheme wins over the
system's."""

import json

import pytest

from tests.browser.conftest import (
    BROWSER_LOCALE,
    assert_accessible,
    audit,
    open_page,
    sign_in,
    signed_in_as,
)
from tests.factories import PASSWORD, UserFactory, give_second_factor
from tests.query_budgets.budgets import BUDGETS, GUEST_BUDGETS
from tests.query_budgets.page_requests import REQUESTS, url_of

pytestmark = pytest.mark.django_db(transaction=True)

# The page's ground in each scheme (--paper in static/css/site.css).
PAPER = {"light": "rgb(255, 255, 255)", "dark": "rgb(21, 24, 28)"}

# One URL of each page type, by route name (requested as tests/query_budgets does).
GUEST_PAGES = [
    "home",
    "search",
    "topic_detail",
    "help",
    "resources:resource_list",
    "resources:resource_detail",
    "resources:collection_list",
    "resources:collection_detail",
    "community:board_list",
    "community:board_detail",
    "community:thread_detail",
    "community:profile_detail",
    "community:unsubscribe",
    "cohorts:program_list",
    "cohorts:program_detail",
    "cohorts:cohort_detail",
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_inactive",
    "account_email_verification_sent",
    "account_confirm_email",
]
MEMBER_PAGES = [
    "home",
    "search",
    "topic_detail",
    "help",
    "resources:resource_list",
    "resources:resource_detail",
    "resources:bookmark_list",
    "resources:suggest",
    "resources:suggest_thanks",
    "community:board_list",
    "community:board_detail",
    "community:board_thread_create",
    "community:thread_create",
    "community:thread_detail",
    "community:post_edit",
    "community:post_history",
    "community:post_flag",
    "community:member_list",
    "community:profile_detail",
    "community:profile_edit",
    "community:settings",
    "community:account_delete",
    "community:notification_list",
    "community:conversation_list",
    "community:conversation_create",
    "community:conversation_detail",
    "community:message_report",
    "cohorts:program_list",
    "cohorts:cohort_detail",
    "cohorts:cohort_dashboard",
    "cohorts:session_detail",
    "account_email",
    "account_change_password",
    "account_logout",
    "account_reauthenticate",
    "mfa_reauthenticate",
    "mfa_index",
    "mfa_list_webauthn",
]

# What answers no page a person reads (files, feeds, data, fragments), and the
# admin (tests/browser/test_admin_accessible.py): every other route with a page is
# in a list above (test_every_page_type_is_audited).
NOT_PAGES = {
    "health": "a probe's JSON",
    "django.contrib.sitemaps.views.sitemap": "XML for search engines",
    "community:thread_news": "live updates' JSON",
    "community:board_news": "live updates' JSON",
    "community:notification_count": "live updates' JSON",
    "community:attachment": "a member's file",
    "community:board_feed": "an RSS feed",
    "community:thread_feed": "an RSS feed",
    "resources:resource_feed": "an RSS feed",
    "resources:resource_autocomplete": "the picker's JSON",
    "resources:resource_download": "a library file",
    "cohorts:cohort_calendar": "an iCalendar feed",
    "cohorts:cohort_calendar_private": "an iCalendar feed",
    "cohorts:cohort_dashboard_csv": "a CSV file",
}


def test_every_page_type_is_audited():
    """A new route with a page lands in GUEST_PAGES or MEMBER_PAGES (or, answering
    no page, in NOT_PAGES): the lists are checked against every route the query
    budgets know."""
    routes = {
        key
        for key in BUDGETS | GUEST_BUDGETS
        if REQUESTS[key].status == 200 and not key.startswith("admin:")
    }
    audited = set(GUEST_PAGES) | set(MEMBER_PAGES) | set(NOT_PAGES)
    assert sorted(routes - audited) == []
    assert sorted(audited - routes) == []


@pytest.mark.parametrize("language", BROWSER_LOCALE)
def test_every_guest_page_type_passes_axe(browser, live_server, world, language):
    urls = [url_of(world, name) for name in GUEST_PAGES] + ["/no/such/page/"]
    locale = BROWSER_LOCALE[language]
    with open_page(browser, live_server.url, locale=locale) as page:
        found = audit(page, language, urls, PAPER, statuses=(200, 404))
    assert not found, json.dumps(found, indent=1)


@pytest.mark.parametrize("language", BROWSER_LOCALE)
def test_every_member_page_type_passes_axe(browser, live_server, world, language):
    # The member's choice on their profile, whatever their browser asks for.
    world.member.profile.language = language
    world.member.profile.save(update_fields=["language"])
    other = next(code for code in BROWSER_LOCALE if code != language)
    with open_page(browser, live_server.url, locale=BROWSER_LOCALE[other]) as page:
        signed_in_as(page, live_server, world.member)
        urls = [url_of(world, n) for n in MEMBER_PAGES]
        found = audit(page, language, urls, PAPER)
    assert not found, json.dumps(found, indent=1)


@pytest.mark.parametrize(
    ("chosen", "system"), [("dark", "light"), ("light", "dark"), ("", "dark")]
)
def test_a_members_choice_of_scheme_wins_over_the_systems(
    page, live_server, chosen, system
):
    maria = UserFactory(username="maria", profile__color_scheme=chosen)
    signed_in_as(page, live_server, maria)
    page.emulate_media(color_scheme=system)
    page.goto("/community/members/maria/")
    ground = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert ground == PAPER[chosen or system]
    assert_accessible(page)


def test_a_member_chooses_dark_pages_on_the_profile_form(page, live_server):
    maria = UserFactory(username="maria")
    signed_in_as(page, live_server, maria)
    page.emulate_media(color_scheme="light")
    page.goto("/community/members/maria/edit/")
    page.get_by_label("Light or dark pages").select_option("dark")
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_url("**/community/members/maria/")
    ground = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert ground == PAPER["dark"]
    maria.profile.refresh_from_db()
    assert maria.profile.color_scheme == "dark"


def test_member_edits_profile_and_sees_the_message(page):
    UserFactory(username="maria", email="maria@example.org")
    sign_in(page, "maria@example.org", PASSWORD)
    page.goto("/community/members/maria/edit/")
    page.get_by_label("Job title").fill("Chief Equity Officer")
    page.get_by_label("Short bio").fill("I lead our equity office.")
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_url("**/community/members/maria/")
    assert page.get_by_role("status").inner_text() == "Your profile was saved."
    assert "Chief Equity Officer" in page.content()
    assert_accessible(page)


def test_admin_works_under_the_content_security_policy(page):
    boss = UserFactory(
        username="boss", email="boss@example.org", is_staff=True, is_superuser=True
    )
    secret = give_second_factor(boss)
    page.goto("/admin/")
    # The admin's own login is allauth's, with its second step.
    page.wait_for_url("**/accounts/login/**")
    sign_in(page, "boss@example.org", PASSWORD, then="**/admin/", totp_secret=secret)
    page.goto("/admin/community/profile/")
    assert page.get_by_role("heading", level=1).count() == 1
    response = page.goto(f"/admin/auth/user/{boss.pk}/change/")
    assert response.status == 200
    # A script or style the CSP refused shows as a console error (checked at teardown).
