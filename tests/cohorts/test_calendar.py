"""The calendar feed, read back by a real iCalendar parser."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def feed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"\r\n" in response.content  # RFC 5545 lines end in CRLF
    return icalendar.Calendar.from_ical(response.content), response


def events(calendar):
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def private_path(world, user):
    token = world.cohort.memberships.get(user=user).calendar_token
    return world.cohort.get_absolute_url() + f"calendar/{token}.ics"


def test_public_feed_has_dates_and_titles_only(client, world):
    calendar, response = feed(client, world.cohort.get_absolute_url() + "calendar.ics")
    assert calendar["VERSION"] == "2.0"
    found = events(calendar)
    assert set(found) == {"Cross-site convening"}  # city coaching calls left out
    convening = found["Cross-site convening"]
    assert "LOCATION" not in convening
    text = response.content.decode()
    for secret in [
        "Grand Hall",
        "meet.example.org",
        "Private agenda item",
        "Resolution",
    ]:
        assert secret not in text


def test_events_keep_stable_unique_ids_and_their_time_zone(client, world):
    path = world.cohort.get_absolute_url() + "calendar.ics"
    first, _ = feed(client, path)
    again, _ = feed(client, path)
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]
    convening = events(first)["Cross-site convening"]
    start = convening.decoded("DTSTART")
    assert start == world.convening.starts_at
    assert start.tzinfo.key == "America/New_York"
    assert convening["DTSTART"].params["TZID"] == "America/New_York"
    zones = {str(tz["TZID"]) for tz in first.walk("VTIMEZONE")}
    assert "America/New_York" in zones


def test_text_is_escaped(client, world):
    SessionFactory(
        cohort=world.cohort,
        title="Budgets, equity; and\nlines \\ too",
        starts_at=datetime.datetime(2018, 5, 1, 15, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2018, 5, 1, 16, tzinfo=datetime.UTC),
    )
    calendar, response = feed(client, world.cohort.get_absolute_url() + "calendar.ics")
    assert "Budgets, equity; and\nlines \\ too" in events(calendar)
    assert b"Budgets\\, equity\\; and\\nlines \\\\ too" in response.content.replace(
        b"\r\n ", b""
    )


def test_private_feed_has_places_links_agendas_and_the_citys_calls(client, world):
    calendar, _ = feed(client, private_path(world, world.participant))
    found = events(calendar)
    assert set(found) == {"Cross-site convening", "Coaching call: Long Beach"}
    convening = found["Cross-site convening"]
    assert str(convening["LOCATION"]) == "Grand Hall, 101 Secret Street"
    description = str(convening["DESCRIPTION"])
    assert "https://meet.example.org/secret-room" in description
    assert "Private agenda item" in description
    assert "Racial Equity Resolution" in description
    call = found["Coaching call: Long Beach"]
    assert call["DTSTART"].params["TZID"] == "America/Los_Angeles"


def test_a_coachs_feed_has_every_citys_call(client, world):
    calendar, _ = feed(client, private_path(world, world.coach))
    assert {"Coaching call: Long Beach", "Coaching call: Wichita"} <= set(
        events(calendar)
    )


def test_private_feed_needs_no_session_but_is_never_cached(client, world):
    _, response = feed(client, private_path(world, world.participant))
    assert "no-store" in response["Cache-Control"]


def test_private_feed_of_a_deactivated_member_is_gone(client, world):
    path = private_path(world, world.participant)
    world.participant.is_active = False
    world.participant.save()
    assert client.get(path).status_code == 404


def test_a_token_only_opens_its_own_cohort(client, world):
    token = world.other_cohort.memberships.get().calendar_token
    path = world.cohort.get_absolute_url() + f"calendar/{token}.ics"
    assert client.get(path).status_code == 404


def test_session_times_are_in_their_zone():
    zone = ZoneInfo("America/Los_Angeles")
    session = SessionFactory(
        time_zone="America/Los_Angeles",
        starts_at=datetime.datetime(2018, 5, 15, 9, tzinfo=zone),
        ends_at=datetime.datetime(2018, 5, 15, 16, 30, tzinfo=zone),
    )
    session.refresh_from_db()
    assert session.starts_at.astimezone(zone).hour == 9
