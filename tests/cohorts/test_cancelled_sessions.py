"""A cancelled session stays on the schedule, marked: in the calendar feeds, on the
cohort page and among the home page's upcoming sessions."""

import icalendar
import pytest

from cohorts import attendance
from tests.cohorts.test_attendance import upcoming
from tests.cohorts.view_helpers import url

pytestmark = pytest.mark.django_db


def statuses(client, path) -> dict[str, str | None]:
    calendar = icalendar.Calendar.from_ical(client.get(path).content)
    return {
        str(e["SUMMARY"]): e.get("STATUS") and str(e["STATUS"])
        for e in calendar.walk("VEVENT")
    }


def test_the_calendar_feeds_say_a_session_is_cancelled(client, world):
    upcoming(world, title="Spring webinar", cancelled=True)
    public = statuses(client, url(world, "calendar.ics"))
    assert public == {"Cross-site convening": None, "Spring webinar": "CANCELLED"}
    token = world.cohort.memberships.get(user=world.participant).calendar_token
    private = statuses(client, url(world, f"calendar/{token}.ics"))
    assert private["Spring webinar"] == "CANCELLED"
    assert private["Coaching call: Long Beach"] is None


def test_the_home_page_marks_cancelled_sessions_and_the_members_answer(client, world):
    going = upcoming(world, title="Budget webinar")
    upcoming(world, title="Parks webinar", cancelled=True)
    attendance.session_respond(session=going, user=world.participant, answer="going")
    client.force_login(world.participant)
    home = client.get("/").text
    assert 'Budget webinar</a> <span class="badge-soft">You’re going</span>' in home
    assert 'Parks webinar</a> <strong class="badge-soft">Cancelled</strong>' in home


def test_the_cohort_page_marks_a_cancelled_session(client, world):
    world.convening.cancelled = True
    world.convening.save()
    page = client.get(url(world)).text
    assert 'Cross-site convening <strong class="badge-soft">Cancelled</strong>' in page
