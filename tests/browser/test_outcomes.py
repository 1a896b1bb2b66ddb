"""Milestones and the cohort dashboard in a real browser: the chart and its table
pass axe, and a city lead records a milestone with the keyboard alone."""

import re

import pytest

from cohorts.models import ActionPlanItem
from tests.browser.conftest import assert_accessible, sign_in
from tests.cohorts.outcome_helpers import KINDS, REACHED, attended, make_kinds
from tests.factories import (
    PASSWORD,
    CohortFactory,
    SessionFactory,
    UserFactory,
    add_city,
    add_member,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cohort(db):
    """Two cities, a lead each, plans under way, a past convening attended."""
    cohort = CohortFactory(name="2018 cohort", slug="2018")
    make_kinds(cohort.program)
    wichita = add_city(cohort, "Wichita", "KS")
    long_beach = add_city(cohort, "Long Beach", "CA", "America/Los_Angeles")
    james = UserFactory(username="james", email="james@example.org")
    maria = UserFactory(username="maria", email="maria@example.org")
    add_member(cohort, james, role="city_lead", city=wichita)
    add_member(cohort, maria, role="city_lead", city=long_beach)
    convening = SessionFactory(cohort=cohort, kind="convening", title="Convening")
    attended(convening, james, wichita)
    attended(convening, maria, long_beach, came=False)
    for status in ["done", "in_progress", "not_started"]:
        ActionPlanItem.objects.create(city=wichita, title=status, status=status)
    long_beach.milestones.create(
        kind=cohort.program.milestone_kinds.first(), reached_on=REACHED
    )
    return cohort


def test_the_dashboard_with_its_chart_and_table_is_accessible(page, cohort):
    sign_in(page, "maria@example.org", PASSWORD)
    page.goto(cohort.get_absolute_url())
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.wait_for_url("**/2018/dashboard/")
    chart = page.get_by_role("img", name=re.compile("Outcomes of the 2018 cohort"))
    assert chart.is_visible()
    table = page.get_by_role("table", name="Outcomes of the 2018 cohort, city by city")
    wichita = table.get_by_role("row", name=re.compile("Wichita"))
    assert "1 of 3" in wichita.inner_text()  # plan items done
    assert "1 of 1" in wichita.inner_text()  # sessions attended
    assert (
        "Jun 12, 2018" in table.get_by_role("row", name=re.compile("Long")).inner_text()
    )
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("spreadsheet")).click()
    assert download.value.suggested_filename == (
        f"{cohort.program.slug}-2018-outcomes.csv"
    )


def test_the_programs_public_totals_are_accessible(page, cohort):
    cohort.participating_cities.update(shows_outcomes=True)
    page.goto(cohort.program.get_absolute_url())
    totals = page.get_by_role("region", name="Outcomes so far")
    assert "2 cities reported:" in totals.inner_text()
    assert f"{KINDS[0]}: 1 of 2 cities" in totals.inner_text()
    assert_accessible(page)


def tab_to(page, field) -> None:
    """Press Tab until the field has the focus (a date field's parts and its
    calendar button take a few presses, as they do for a keyboard user)."""
    for _ in range(6):
        page.keyboard.press("Tab")
        if field.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {field}")


def test_a_city_lead_records_a_milestone_with_the_keyboard(page, cohort):
    sign_in(page, "james@example.org", PASSWORD)
    page.goto(cohort.get_absolute_url() + "#plans-heading")
    page.get_by_text("Record a milestone of Wichita").focus()
    page.keyboard.press("Enter")  # opens the form
    tab_to(page, page.get_by_label("Milestone", exact=True))
    page.keyboard.press("ArrowDown")  # the second: Equity office staffed
    date = page.get_by_label("Reached on")
    tab_to(page, date)
    page.keyboard.type("06122018")  # month, day, year
    assert date.input_value() == "2018-06-12"
    tab_to(page, page.get_by_label("Evidence link"))
    page.keyboard.type("https://wichita.example.gov/equity-office")
    tab_to(page, page.get_by_label("Note"))
    page.keyboard.type("Director hired")
    page.keyboard.press("Enter")
    page.wait_for_url("**/2018/#milestones-wichita-ks")
    assert page.get_by_role("status").inner_text() == (
        f"Recorded “{KINDS[1]}” for Wichita, KS, reached on June 12, 2018."
    )
    milestones = page.locator("#milestones-wichita-ks")
    assert KINDS[1] in milestones.get_by_role("listitem").inner_text()
    assert milestones.get_by_role(
        "link", name=f"evidence for “{KINDS[1]}”"
    ).is_visible()
    assert_accessible(page)
    page.goto(cohort.get_absolute_url() + "dashboard/")
    row = page.get_by_role("row", name=re.compile("Wichita"))
    assert "Jun 12, 2018" in row.inner_text()


def test_a_refused_milestone_shows_the_form_again_accessibly(page, cohort):
    sign_in(page, "james@example.org", PASSWORD)
    page.goto(cohort.get_absolute_url())
    page.get_by_text("Record a milestone of Wichita").click()
    # The browser's own check would stop a date before the cohort: the server's
    # answer is what a browser without it gets.
    page.locator(".milestone-form").evaluate("form => form.noValidate = true")
    page.get_by_label("Reached on").fill("2017-12-31")
    page.get_by_label("Evidence link").fill("minutes.example.gov/2017")
    page.get_by_role("button", name="Record the milestone").click()
    assert (
        page.get_by_role("alert")
        .inner_text()
        .startswith("The milestone was not recorded.")
    )
    assert page.get_by_text("before the cohort began (2018-02-01)").is_visible()
    assert page.get_by_label("Evidence link").input_value() == (
        "minutes.example.gov/2017"  # as typed
    )
    assert_accessible(page)
