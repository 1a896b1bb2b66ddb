"""Cohort, program, session and home pages run a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cohorts.models import ActionPlanItem
from tests.cohorts.view_helpers import sign_in, url
from tests.factories import SessionFactory, UserFactory, add_city, add_member

pytestmark = pytest.mark.django_db


def grow(world, start_at, stop_at):
    """More cities, participants, plan items and sessions (of every kind)."""
    start = datetime.datetime(2018, 3, 1, 15, tzinfo=datetime.UTC)
    kinds = ["convening", "webinar", "academy", "coaching_call", "site_visit"]
    for i in range(start_at, stop_at):
        city = add_city(world.cohort, f"Town {i}", "OH", "America/New_York")
        add_member(world.cohort, UserFactory(), city=city)
        ActionPlanItem.objects.create(city=city, title=f"Goal {i}")
        kind = kinds[i % len(kinds)]
        SessionFactory(
            cohort=world.cohort,
            kind=kind,
            host_city=city if kind == "site_visit" else None,
            for_city=city if kind == "coaching_call" else None,
            starts_at=start + datetime.timedelta(days=7 * i),
            ends_at=start + datetime.timedelta(days=7 * i, hours=2),
        )


@pytest.mark.parametrize("viewer", ["guest", "participant", "staff"])
def test_cohort_page_runs_a_fixed_number_of_queries(
    client, world, viewer, django_assert_num_queries
):
    sign_in(client, world, viewer)
    grow(world, 0, 5)
    with CaptureQueriesContext(connection) as at_five:
        assert client.get(url(world)).status_code == 200
    grow(world, 5, 50)
    with django_assert_num_queries(len(at_five)):
        assert client.get(url(world)).status_code == 200


def test_home_page_of_a_participant_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries
):
    client.force_login(world.participant)
    soon = timezone.now() + datetime.timedelta(days=1)

    def add_sessions(n):
        for i in range(n):
            start = soon + datetime.timedelta(days=i)
            SessionFactory(
                cohort=world.cohort, starts_at=start,
                ends_at=start + datetime.timedelta(hours=1),
            )  # fmt: skip

    add_sessions(5)
    with CaptureQueriesContext(connection) as at_five:
        client.get("/")
    add_sessions(45)
    with django_assert_num_queries(len(at_five)):
        assert len(client.get("/").context["upcoming_sessions"]) == 5


@pytest.mark.parametrize("path", ["/cohorts/", "program"])
def test_program_pages_run_a_fixed_number_of_queries(
    client, world, path, django_assert_num_queries
):
    from tests.factories import CohortFactory, OrganizationFactory

    program = world.cohort.program
    path = program.get_absolute_url() if path == "program" else path

    def add(start, stop):
        for i in range(start, stop):
            cohort = CohortFactory(program=program, slug=f"c{i}", name=f"Cohort {i}")
            add_city(cohort, f"Town {i}", "OH", "America/New_York")
            program.funders.add(OrganizationFactory())

    add(0, 5)
    with CaptureQueriesContext(connection) as at_five:
        assert client.get(path).status_code == 200
    add(5, 50)
    with django_assert_num_queries(len(at_five)):
        assert client.get(path).status_code == 200


def test_session_page_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries
):
    from tests.factories import ResourceFactory

    client.force_login(world.participant)
    path = world.convening.get_absolute_url()

    def add(n):
        world.convening.materials.add(*ResourceFactory.create_batch(n))

    add(5)
    with CaptureQueriesContext(connection) as at_five:
        assert client.get(path).status_code == 200
    add(45)
    with django_assert_num_queries(len(at_five)):
        assert client.get(path).status_code == 200
