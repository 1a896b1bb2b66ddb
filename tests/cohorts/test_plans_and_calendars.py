"""Cohort action plans and private calendars: who changes what, progress, resets."""

import pytest

from cohorts.models import ActionPlanItem
from tests.cohorts.view_helpers import sign_in, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("viewer", "expected", "changed"),
    [
        ("guest", 302, False),
        ("outsider", 404, False),
        ("other_participant", 404, False),
        ("city_lead", 403, False),
        ("participant", 302, True),
        ("coach", 302, True),
        ("staff", 302, True),
    ],
)
def test_moving_a_plan_item_along(client, world, viewer, expected, changed):
    item = ActionPlanItem.objects.create(city=world.long_beach, title="Resolution")
    sign_in(client, world, viewer)
    response = client.post(
        url(world, f"action-plans/{item.pk}/status/"), {"status": "done"}
    )
    assert response.status_code == expected
    item.refresh_from_db()
    assert (item.status == "done") == changed


def test_a_refused_plan_change_is_logged_in_one_line(client, world, console_log):
    # Another city's item: an expected refusal, not an error with a traceback.
    item = ActionPlanItem.objects.create(city=world.long_beach, title="Resolution")
    client.force_login(world.city_lead)
    path = url(world, f"action-plans/{item.pk}/status/")
    assert client.post(path, {"status": "done"}).status_code == 403
    assert console_log.getvalue().splitlines() == [
        f"Forbidden (Permission denied): {path}"
    ]


def test_an_unknown_status_is_refused_with_a_message(client, world):
    item = ActionPlanItem.objects.create(city=world.long_beach, title="Resolution")
    client.force_login(world.participant)
    response = client.post(
        url(world, f"action-plans/{item.pk}/status/"), {"status": "abandoned"},
        follow=True,
    )  # fmt: skip
    assert "Pick one of the listed statuses." in response.text
    item.refresh_from_db()
    assert item.status == "not_started"


def test_plan_progress_per_city(client, world):
    for status in ["done", "done", "in_progress", "not_started"]:
        ActionPlanItem.objects.create(city=world.wichita, title=status, status=status)
    client.force_login(world.coach)
    page = client.get(url(world)).text
    assert '<progress class="plan-progress" max="4" value="2"' in page
    assert "2 of 4 done, 1 in progress" in page


def test_private_calendar_reset(client, world):
    membership = world.cohort.memberships.get(user=world.participant)
    old_url = url(world, f"calendar/{membership.calendar_token}.ics")
    client.force_login(world.participant)
    assert client.get(old_url).status_code == 200
    assert old_url in client.get(url(world)).text
    response = client.post(url(world, "calendar/reset/"), follow=True)
    assert "the old one no longer works" in response.text
    assert client.get(old_url).status_code == 404
    membership.refresh_from_db()
    assert (
        client.get(url(world, f"calendar/{membership.calendar_token}.ics")).status_code
        == 200
    )


@pytest.mark.parametrize("viewer", ["outsider", "other_participant", "staff"])
def test_no_private_calendar_to_reset_without_a_membership(client, world, viewer):
    sign_in(client, world, viewer)
    assert client.post(url(world, "calendar/reset/")).status_code == 404


def test_a_calendar_token_with_odd_characters_is_not_found(client, world):
    for token in ["x" * 65, "not+a+token+at+all", "²" * 20]:
        assert client.get(url(world, f"calendar/{token}.ics")).status_code == 404
    # A NUL is refused before any page looks (core/middleware.py).
    for token in ["%00", "a%00" * 8]:
        assert client.get(url(world, f"calendar/{token}.ics")).status_code == 400
