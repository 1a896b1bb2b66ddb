"""The session page and the roster run a fixed number of queries whatever the
number of people who answered and attended."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cohorts.models import SessionResponse
from tests.cohorts.view_helpers import sign_in, url
from tests.factories import SessionFactory, UserFactory, add_city, add_member

pytestmark = pytest.mark.django_db

ANSWERS = ["going", "maybe", "not_going"]


def grow(world, sessions, start_at, stop_at):
    """More cities and people, each answering every session and recorded as
    attending the ones that started."""
    for i in range(start_at, stop_at):
        city = add_city(world.cohort, f"Town {i}", "OH", "America/New_York")
        user = UserFactory(profile__display_name=f"Person {i}")
        add_member(world.cohort, user, city=city)
        SessionResponse.objects.bulk_create(
            SessionResponse(
                session=session,
                user=user,
                city=city,
                answer=ANSWERS[i % 3],
                attended=(i % 2 == 0) if session.has_started else None,
            )
            for session in sessions
        )


@pytest.mark.parametrize("viewer", ["participant", "coach", "staff"])
@pytest.mark.parametrize("when", ["upcoming", "started"])
def test_the_session_page_runs_a_fixed_number_of_queries(
    client, world, viewer, when, django_assert_num_queries
):
    starts = timezone.now() + datetime.timedelta(days=-1 if when == "started" else 2)
    session = SessionFactory(
        cohort=world.cohort,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )
    sign_in(client, world, viewer)
    grow(world, [session], 0, 3)
    with CaptureQueriesContext(connection) as at_three:
        page = client.get(session.get_absolute_url())
    assert page.status_code == 200
    assert "1 going · 1 maybe · 1 not going" in page.text
    grow(world, [session], 3, 30)
    with django_assert_num_queries(len(at_three)):
        page = client.get(session.get_absolute_url())
    assert "10 going · 10 maybe · 10 not going" in page.text


@pytest.mark.parametrize("viewer", ["participant", "staff"])
def test_the_roster_counts_attendance_in_a_fixed_number_of_queries(
    client, world, viewer, django_assert_num_queries
):
    sign_in(client, world, viewer)
    sessions = [world.convening, SessionFactory(cohort=world.cohort)]  # both past
    grow(world, sessions, 0, 3)
    with CaptureQueriesContext(connection) as at_three:
        page = client.get(url(world))
    assert "attended 2 of 2 sessions" in page.text  # Person 0
    grow(world, sessions, 3, 30)
    with django_assert_num_queries(len(at_three)):
        page = client.get(url(world))
    assert page.text.count("attended 0 of 2 sessions") == 15
