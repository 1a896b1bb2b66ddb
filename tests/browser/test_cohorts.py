"""The cohort program in a real browser: the public face, the workspace, the admin."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, give_second_factor

pytestmark = pytest.mark.django_db(transaction=True)

COHORT = "/cohorts/racial-equity-racial-healing/2018/"
SIX_CITIES = [
    "Charlotte, NC",
    "Long Beach, CA",
    "Pittsburgh, PA",
    "Rochester, NY",
    "Saint Paul, MN",
    "Wichita, KS",
]


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for user in get_user_model().objects.filter(username__in=["maria", "programstaff"]):
        user.set_password(PASSWORD)
        user.save()


def test_a_guest_sees_the_six_cities_and_the_timeline_only(page, seeded):
    page.goto("/cohorts/")
    assert_accessible(page)
    page.get_by_role("link", name="2018 cohort").first.click()
    page.wait_for_url(f"**{COHORT}")
    cities = page.get_by_role("region", name="6 participating cities")
    assert cities.get_by_role("listitem").all_inner_texts() == [
        f"{city} (also St. Paul)" if city == "Saint Paul, MN" else city
        for city in SIX_CITIES
    ]
    timeline = page.get_by_role("img", name=re.compile("Timeline from February 2018"))
    assert timeline.is_visible()
    assert page.locator(".timeline-chart circle").count() == 10  # no city calls
    text = page.locator("main").inner_text()
    for private in ["Roster", "Action plans", "Cohort board", "City Hall", "Maria"]:
        assert private not in text
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Cities for Racial Equity")).first.click()
    assert page.get_by_text("W.K. Kellogg Foundation").is_visible()
    assert_accessible(page)


def test_a_participant_works_in_the_cohort(page, seeded):
    page.goto("/accounts/login/")
    sign_in(page, "maria@example.org", PASSWORD)
    page.goto(COHORT)
    roster = page.get_by_role("region", name="Roster")
    assert roster.get_by_role("heading", name="Long Beach, CA").is_visible()
    assert roster.get_by_role("link", name="Maria Lopez").is_visible()
    assert page.get_by_role("link", name="Coaching call: Long Beach").is_visible()
    assert page.get_by_role("link", name="Coaching call: Wichita").count() == 0
    page.get_by_text("The plan of Long Beach").click()
    status = page.get_by_label(re.compile("Status of “Normalize the dialogue"))
    status.first.select_option("in_progress")
    page.get_by_role("button", name="Update").nth(3).click()
    assert page.get_by_text("is now in progress").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Cross-site convening", exact=True).click()
    assert page.get_by_role("heading", name="Materials").is_visible()
    assert page.get_by_role("link", name="Racial Equity Resolution").is_visible()
    assert page.get_by_text("gives no date, place or agenda").is_visible()
    assert page.get_by_text("Place", exact=True).count() == 0
    assert_accessible(page)

    page.go_back()
    page.get_by_role("link", name="Open the cohort board").click()
    assert page.get_by_role(
        "link", name="Before the cross-site convening: your city's starting point"
    ).is_visible()
    assert_accessible(page)


def test_program_staff_adding_pittsburgh_twice_see_the_error(page, seeded):
    secret = give_second_factor(get_user_model().objects.get(username="programstaff"))
    page.goto("/admin/")
    sign_in(
        page, "programstaff@example.org", PASSWORD, then="**/admin/", totp_secret=secret
    )
    page.goto("/admin/cohorts/cohort/")
    page.get_by_role("link", name="2018 cohort").click()
    group = page.locator("#participating_cities-group")
    group.locator(".add-row a").click()
    group.locator(".select2-selection").last.click()
    page.locator(".select2-search__field").fill("Pitts")
    page.locator(".select2-results__option", has_text="Pittsburgh, PA").click()
    page.get_by_role("button", name="Save", exact=True).click()
    error = group.locator(".errorlist")
    assert error.first.inner_text() == "Pittsburgh, PA is already in this cohort."
    page.goto(COHORT)
    cities = page.get_by_role("region", name="6 participating cities")
    assert cities.get_by_role("listitem").count() == 6


def test_a_participant_sees_the_illustrative_current_cohort(page, seeded):
    page.goto("/accounts/login/")
    sign_in(page, "maria@example.org", PASSWORD)
    upcoming = page.get_by_role("region", name="Upcoming sessions in your cohorts")
    upcoming.get_by_role(
        "link", name="Webinar: Talking about race with city staff"
    ).click()
    assert page.get_by_text("Illustrative demo session").is_visible()
    assert page.get_by_text("illustrative date").is_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name=re.compile(r"^\d{4} cohort$")
    ).click()
    assert page.get_by_text("Illustrative demo cohort: not a real cohort").is_visible()
    cities = page.get_by_role("region", name="4 participating cities")
    assert "Millbrook (demo), GA" in cities.get_by_role("listitem").all_inner_texts()
    assert_accessible(page)
