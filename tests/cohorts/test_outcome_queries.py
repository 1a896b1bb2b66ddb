"""The pages that show outcomes run a fixed number of queries, whatever the
number of cities, milestones, sessions and attendance rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cohorts.models import ActionPlanItem, Milestone, MilestoneKind
from tests.cohorts.outcome_helpers import attended
from tests.cohorts.view_helpers import sign_in, url
from tests.factories import SessionFactory, UserFactory, add_city, add_member

pytestmark = pytest.mark.django_db


def grow(world, start_at, stop_at):
    """More consenting cities, each with people, a plan item, a coaching call,
    attendance at it and at the convening, a milestone kind and milestones."""
    start = datetime.datetime(2018, 3, 1, 15, tzinfo=datetime.UTC)
    program = world.cohort.program
    for i in range(start_at, stop_at):
        city = add_city(world.cohort, f"Town {i}", "OH", "America/New_York")
        city.shows_outcomes = True
        city.save()
        person = UserFactory()
        add_member(world.cohort, person, city=city)
        ActionPlanItem.objects.create(city=city, title=f"Goal {i}", status="done")
        call = SessionFactory(
            cohort=world.cohort,
            kind="coaching_call",
            for_city=city,
            starts_at=start + datetime.timedelta(days=i),
            ends_at=start + datetime.timedelta(days=i, hours=1),
        )
        attended(call, person, city)
        attended(world.convening, person, city)
        kind = MilestoneKind.objects.create(program=program, name=f"Step {i}")
        for reached in [city, world.long_beach]:
            Milestone.objects.create(
                city=reached, kind=kind, reached_on=datetime.date(2018, 5, 1)
            )


PAGES = [
    ("dashboard/", "participant"),
    ("dashboard/", "staff"),
    ("dashboard.csv", "coach"),
    ("", "city_lead"),  # the cohort page, with milestones and their forms
    ("", "staff"),
    ("program", "guest"),
    ("program", "participant"),
]


@pytest.mark.parametrize(("page", "viewer"), PAGES)
def test_outcome_pages_run_a_fixed_number_of_queries(
    client, world, page, viewer, django_assert_num_queries
):
    sign_in(client, world, viewer)
    path = world.cohort.program.get_absolute_url() if page == "program" else url(
        world, page
    )  # fmt: skip
    grow(world, 0, 3)
    with CaptureQueriesContext(connection) as at_three:
        assert client.get(path).status_code == 200
    grow(world, 3, 30)
    with django_assert_num_queries(len(at_three)):
        response = client.get(path)
    assert response.status_code == 200
    assert b"Town 29" in response.content or page == "program"
