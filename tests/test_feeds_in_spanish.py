"""The feeds in their reader's language: a cohort's calendar in the one its calendar
program asks for, or its member chose for their private feed; the library's feed
in the one its feed reader asks for."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    CohortFactory,
    SessionFactory,
    UserFactory,
    add_city,
    add_member,
)
from tests.spanish import ENGLISH, SPANISH

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort_with_a_session():
    cohort = CohortFactory(name="Winter cohort")
    session = SessionFactory(
        cohort=cohort,
        title="Kick-off",
        starts_at=datetime.datetime(2026, 12, 3, 19, tzinfo=datetime.UTC),
    )
    return cohort, session


def _calendar(client, url, headers):
    body = client.get(url, headers=headers).content.decode()
    return body.replace("\r\n ", "").replace("\\,", ",")  # unfolded, unescaped


def test_a_guests_calendar_feed_is_in_the_language_the_calendar_asks_for(
    client, cohort_with_a_session
):
    cohort, session = cohort_with_a_session
    session.host_city = add_city(cohort, "Wichita", "KS")
    session.save()
    url = reverse("cohorts:cohort_calendar", args=[cohort.program.slug, cohort.slug])
    assert "Ciudad anfitriona: Wichita, KS" in _calendar(client, url, SPANISH)
    assert "Host city: Wichita, KS" in _calendar(client, url, ENGLISH)


@pytest.mark.parametrize(
    ("chosen", "words"),
    [("es", "Unirse en línea"), ("", "Join online")],
    ids=["spanish", "none-chosen"],
)
def test_a_private_calendar_feed_is_in_the_language_its_member_chose(
    client, cohort_with_a_session, chosen, words
):
    cohort, session = cohort_with_a_session
    session.online_url = "https://meet.example.org/kick-off"
    session.save()
    member = UserFactory(username="lucia", profile__language=chosen)
    membership = add_member(cohort, member, city=add_city(cohort))
    url = reverse(
        "cohorts:cohort_calendar_private",
        args=[cohort.program.slug, cohort.slug, membership.calendar_token],
    )
    # Calendar programs fetch it with their own language, or none.
    response = client.get(url, headers=ENGLISH)
    assert f"{words}: https://meet.example.org/kick-off" in _calendar(
        client, url, ENGLISH
    )
    assert response["Content-Language"] == (chosen or "en")


@pytest.mark.parametrize(
    ("headers", "title"),
    [
        (ENGLISH, "<title>Equity Commons: new resources</title>"),
        (SPANISH, "<title>Equity Commons: recursos nuevos</title>"),
    ],
    ids=["english", "spanish"],
)
def test_the_librarys_feed_is_titled_in_the_readers_language(client, headers, title):
    feed = client.get(reverse("resources:resource_feed"), headers=headers)
    assert title in feed.content.decode()
