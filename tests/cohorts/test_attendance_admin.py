"""Attendance in the admin: the answers inline on a session, where program staff
tick who came through the same service as the session page; the list shows and
filters cancelled sessions."""

import datetime

import pytest
from django.utils import timezone

from cohorts import attendance
from cohorts.models import SessionResponse
from tests.cohorts.test_admin import staff_client  # noqa: F401 (a fixture)
from tests.cohorts.test_attendance import upcoming

pytestmark = pytest.mark.django_db


def change_url(session):
    return f"/admin/cohorts/session/{session.pk}/change/"


def change_form(session, **attended) -> dict:
    """The session's change form as it stands, with `attended` ("true", "false")
    set on the rows of these members (by username)."""
    zone = session.zone
    starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    data = {
        "cohort": session.cohort_id,
        "kind": session.kind,
        "title": session.title,
        "starts_at_0": starts.date(),
        "starts_at_1": starts.time(),
        "ends_at_0": ends.date(),
        "ends_at_1": ends.time(),
        "time_zone": session.time_zone,
    }
    rows = SessionResponse.objects.filter(session=session).select_related("user")
    data |= {"responses-TOTAL_FORMS": len(rows), "responses-INITIAL_FORMS": len(rows)}
    for n, row in enumerate(rows.order_by("pk")):
        data[f"responses-{n}-id"] = row.pk
        data[f"responses-{n}-session"] = session.pk
        data[f"responses-{n}-attended"] = attended.get(row.user.username, "unknown")
    return data


def started(world):
    session = upcoming(world, title="Spring webinar")
    for user, answer in [(world.participant, "going"), (world.coach, "maybe")]:
        attendance.session_respond(session=session, user=user, answer=answer)
    session.starts_at = timezone.now() - datetime.timedelta(minutes=10)
    session.ends_at = session.starts_at + datetime.timedelta(hours=1)
    session.save()
    return session


def test_staff_tick_who_came_in_the_admin(staff_client, world):  # noqa: F811
    session = started(world)
    page = staff_client.get(change_url(session))
    assert page.status_code == 200
    assert "maria" in page.text
    assert "Going" in page.text
    data = change_form(session, maria="true", coach="false")
    response = staff_client.post(change_url(session), data)
    assert response.status_code == 302, response.context["errors"]
    rows = dict(SessionResponse.objects.values_list("user__username", "attended"))
    assert rows == {"maria": True, "coach": False}
    # The answers stay as the members gave them.
    assert set(SessionResponse.objects.values_list("answer", flat=True)) == {
        "going",
        "maybe",
    }


def test_the_admin_refuses_attendance_before_the_session_starts(staff_client, world):  # noqa: F811
    session = upcoming(world)
    attendance.session_respond(session=session, user=world.participant, answer="going")
    data = change_form(session, maria="true")
    response = staff_client.post(change_url(session), data)
    assert response.status_code == 200
    assert str(attendance.NOT_STARTED) in response.text
    assert SessionResponse.objects.get().attended is None


def test_cancelling_and_ticking_at_once_is_refused(staff_client, world):  # noqa: F811
    session = started(world)
    data = change_form(session, maria="true")
    data["cancelled"] = "on"
    response = staff_client.post(change_url(session), data)
    assert response.status_code == 200
    assert str(attendance.SESSION_CANCELLED) in response.text
    session.refresh_from_db()
    assert not session.cancelled
    assert SessionResponse.objects.get(user=world.participant).attended is None


def test_the_session_list_shows_and_filters_cancelled_ones(staff_client, world):  # noqa: F811
    upcoming(world, title="Spring webinar", cancelled=True)
    page = staff_client.get("/admin/cohorts/session/?cancelled__exact=1")
    assert page.status_code == 200
    listed = [session.title for session in page.context["cl"].result_list]
    assert listed == ["Spring webinar"]
    assert "cancelled" in page.context["cl"].list_display
