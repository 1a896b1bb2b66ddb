"""Cohort pages for guest, member, participant of another cohort, participant,
coach and program staff."""

import datetime

import pytest
from django.utils import timezone

from tests.cohorts.view_helpers import sign_in, url
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

INSIDERS = ["participant", "city_lead", "coach", "staff"]
OUTSIDERS = ["guest", "outsider", "other_participant"]
PRIVATE_MARKERS = [
    "Grand Hall, 101 Secret Street",
    'id="roster-heading"',
    "Maria Lopez",
    'id="plans-heading"',
    "Open the cohort board",
]


def test_program_list_and_program_page(client, world):
    page = client.get("/cohorts/")
    assert page.status_code == 200
    assert world.cohort.program.name in page.text
    assert "2018 cohort" in page.text
    page = client.get(world.cohort.program.get_absolute_url())
    assert page.status_code == 200
    assert "15 months" in page.text


@pytest.mark.parametrize("viewer", OUTSIDERS + INSIDERS)
def test_everyone_sees_cities_and_timeline(client, world, viewer):
    sign_in(client, world, viewer)
    page = client.get(url(world))
    assert page.status_code == 200
    assert "Long Beach, <abbr" in page.text
    assert "Wichita, <abbr" in page.text
    assert "Rochester" not in page.text  # the other cohort's city
    assert 'class="timeline-chart"' in page.text
    assert "Cross-site convening" in page.text


@pytest.mark.parametrize("viewer", OUTSIDERS)
def test_private_details_stay_private(client, world, viewer):
    sign_in(client, world, viewer)
    page = client.get(url(world)).text
    for marker in PRIVATE_MARKERS:
        assert marker not in page
    assert "Coaching call: Long Beach" not in page
    assert "meet.example.org" not in page


@pytest.mark.parametrize("viewer", INSIDERS)
def test_the_cohorts_people_see_the_workspace(client, world, viewer):
    sign_in(client, world, viewer)
    page = client.get(url(world)).text
    for marker in PRIVATE_MARKERS:
        assert marker in page


@pytest.mark.parametrize(
    ("viewer", "sees_long_beach_call"),
    [
        ("guest", False),
        ("outsider", False),
        ("other_participant", False),
        ("participant", True),
        ("city_lead", False),  # Wichita's lead
        ("coach", True),
        ("staff", True),
    ],
)
def test_a_citys_coaching_call_is_for_that_city(
    client, world, viewer, sees_long_beach_call
):
    sign_in(client, world, viewer)
    assert ("Coaching call: Long Beach" in client.get(url(world)).text) == (
        sees_long_beach_call
    )
    detail = client.get(world.long_beach_call.get_absolute_url())
    assert detail.status_code == (200 if sees_long_beach_call else 404)


@pytest.mark.parametrize("viewer", OUTSIDERS + INSIDERS)
def test_session_details_are_for_the_cohorts_people(client, world, viewer):
    sign_in(client, world, viewer)
    page = client.get(world.convening.get_absolute_url())
    if viewer in INSIDERS:
        assert page.status_code == 200
        assert "Private agenda item" in page.text
        assert "Racial Equity Resolution" in page.text  # a material
        assert "https://meet.example.org/secret-room" in page.text
    else:
        assert page.status_code == 404


def test_unpublished_materials_are_not_listed(client, world):
    world.convening.materials.update(state="draft")
    client.force_login(world.participant)
    page = client.get(world.convening.get_absolute_url())
    assert "Racial Equity Resolution" not in page.text
    assert "No materials for this session." in page.text


@pytest.mark.parametrize(
    "path",
    [
        "/cohorts/no-such-program/",
        "/cohorts/no-such-program/2018/",
        "/cohorts/{program}/1999/",
        "/cohorts/{program}/2018/sessions/999999/",
        "/cohorts/{program}/2018/calendar/not-a-token.ics",
    ],
)
def test_unknown_addresses_answer_404(client, world, path):
    client.force_login(world.staff)
    path = path.format(program=world.cohort.program.slug)
    assert client.get(path).status_code == 404


def test_a_session_of_another_cohort_is_not_found_under_this_one(client, world):
    client.force_login(world.staff)
    other = SessionFactory(cohort=world.other_cohort)
    assert client.get(url(world, f"sessions/{other.pk}/")).status_code == 404


def test_home_lists_upcoming_sessions_of_the_viewers_cohorts(client, world):
    soon = timezone.now() + datetime.timedelta(days=3)
    SessionFactory(
        cohort=world.cohort, title="Next webinar", starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=1),
    )  # fmt: skip
    SessionFactory(
        cohort=world.other_cohort, title="Their webinar", starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=1),
    )  # fmt: skip
    client.force_login(world.participant)
    home = client.get("/").text
    assert "Next webinar" in home
    assert "Their webinar" not in home
    client.force_login(world.outsider)
    assert "Next webinar" not in client.get("/").text


def test_participants_see_their_cohort_board_on_the_board_list(client, world):
    client.force_login(world.participant)
    assert world.cohort.board.name in client.get("/community/").text
    client.force_login(world.other_participant)
    assert world.cohort.board.name not in client.get("/community/").text


@pytest.mark.parametrize(
    ("group", "expected"), [("Curators", 404), ("Program staff", 200)]
)
def test_which_staff_read_a_cohort_board(client, world, group, expected):
    from django.contrib.auth.models import Group

    user = UserFactory(username="staffer", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    assert client.get(world.cohort.board.get_absolute_url()).status_code == expected


def test_private_session_details_are_not_found_by_search(client, world):
    client.force_login(world.outsider)
    page = client.get("/search/", {"q": "Secret Street"})
    assert page.status_code == 200
    assert "Grand Hall" not in page.text


def test_a_stored_time_zone_the_site_does_not_know_breaks_no_page(client, world):
    # update() skips the validator, as an import or a script might.
    world.cohort.sessions.update(time_zone="Mars/Olympus_Mons")
    client.force_login(world.participant)
    for path in ["/", url(world), world.convening.get_absolute_url()]:
        assert client.get(path).status_code == 200, path
    assert client.get(url(world, "calendar.ics")).status_code == 200


def test_a_membership_for_another_cohorts_city_shows_no_city_call(client, world):
    from cohorts.models import CohortMembership

    spy = UserFactory(username="spy")
    # Written around the model's clean(), the way a bad import could.
    CohortMembership.objects.create(
        cohort=world.other_cohort, user=spy, role="participant", city=world.long_beach
    )
    client.force_login(spy)
    assert "Coaching call: Long Beach" not in client.get(url(world)).text
    assert client.get(world.long_beach_call.get_absolute_url()).status_code == 404


def test_timeline_stretches_to_sessions_outside_the_programs_months(world):
    from cohorts.selectors import cohort_timeline

    late = SessionFactory(
        cohort=world.cohort,
        starts_at=datetime.datetime(2019, 12, 1, 15, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2019, 12, 1, 16, tzinfo=datetime.UTC),
    )
    timeline = cohort_timeline(world.cohort, [world.convening, late])
    assert timeline.ends_on == datetime.date(2020, 1, 1)
    x = {m.session.pk: float(m.x.rstrip("%")) for m in timeline.markers}
    assert 0 < x[world.convening.pk] < x[late.pk] < 100


def test_a_cohort_at_the_end_of_the_calendar_still_draws(client, world):
    from cohorts.models import Cohort

    Cohort.objects.filter(pk=world.cohort.pk).update(
        starts_on=datetime.date(9999, 6, 1), ends_on=datetime.date(9999, 12, 31)
    )
    assert client.get(url(world)).status_code == 200
