"""Answering a session and recording attendance in a real browser, by keyboard."""

import datetime
import re

import pytest
from django.utils import timezone

from cohorts import attendance
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_wcag22 import CONTROLS, TOO_SMALL
from tests.cohorts.conftest import world  # noqa: F401 (a fixture)
from tests.factories import PASSWORD, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def session_at(world, starts, title):  # noqa: F811
    return SessionFactory(
        cohort=world.cohort,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )


def assert_accessible_both_ways(page):
    """axe finds nothing in the light and the dark scheme, and every control is
    24 pixels square at least (WCAG 2.2's 2.5.8, which axe does not measure)."""
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_accessible(page)
    assert page.evaluate(TOO_SMALL, CONTROLS) == []


def tab_to(page, locator, presses=80):
    """Press Tab until the element has the focus, as a keyboard user would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_a_member_answers_going_by_keyboard_and_sees_the_count(page, world):  # noqa: F811
    session = session_at(
        world, timezone.now() + datetime.timedelta(days=3), "Spring webinar"
    )
    attendance.session_respond(session=session, user=world.city_lead, answer="maybe")
    sign_in(page, "maria@example.org", PASSWORD)
    page.goto(session.get_absolute_url())
    answers = page.get_by_role("region", name="Who is coming")
    assert answers.get_by_text("0 going · 1 maybe · 0 not going").is_visible()
    assert answers.get_by_role("link", name="James Carter").is_visible()
    assert_accessible_both_ways(page)

    form = answers.get_by_role("group", name="Are you coming?")
    going = form.get_by_role("button", name="Going", exact=True)
    assert going.get_attribute("aria-pressed") == "false"
    tab_to(page, going)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#answers-heading$"))
    assert page.get_by_text("Your answer is saved: going.").is_visible()
    assert answers.get_by_text("1 going · 1 maybe · 0 not going").is_visible()
    assert answers.get_by_text("Your answer: Going.").is_visible()
    assert going.get_attribute("aria-pressed") == "true"
    assert answers.get_by_role("link", name="Maria Lopez").is_visible()
    assert_accessible(page)

    page.goto("/")
    assert page.get_by_text("You’re going").is_visible()


def test_program_staff_record_attendance_and_the_roster_shows_it(page, world):  # noqa: F811
    session = session_at(
        world, timezone.now() + datetime.timedelta(days=3), "Budget workshop"
    )
    attendance.session_respond(session=session, user=world.participant, answer="going")
    attendance.session_respond(session=session, user=world.coach, answer="not_going")
    session.starts_at = timezone.now() - datetime.timedelta(hours=2)
    session.ends_at = session.starts_at + datetime.timedelta(hours=1)
    session.save()
    sign_in(page, "programstaff@example.org", PASSWORD)
    page.goto(session.get_absolute_url())
    sheet = page.get_by_role("group", name="Who attended?")
    maria = sheet.get_by_role("checkbox", name="Maria Lopez")
    james = sheet.get_by_role("checkbox", name="James Carter")
    assert maria.is_checked()  # she said she was going
    assert not james.is_checked()
    assert not sheet.get_by_role("checkbox", name="Robin Hayes").is_checked()
    assert_accessible_both_ways(page)

    tab_to(page, james)
    page.keyboard.press("Space")  # James came without answering
    assert james.is_checked()
    tab_to(page, page.get_by_role("button", name="Save attendance"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#attendance-heading$"))
    assert page.get_by_text("Attendance saved: 2 of 3 people attended.").is_visible()
    assert page.get_by_text("2 of 3 attended.").is_visible()
    assert_accessible(page)

    page.goto(world.cohort.get_absolute_url())
    roster = page.get_by_role("region", name="Roster")
    assert roster.get_by_text("attended 1 of 1 session").count() == 2
    assert roster.get_by_text("attended 0 of 1 session").count() == 1
    assert_accessible(page)
