"""The cohort's dashboard and its CSV: plan progress, milestones and attendance per
city, for the cohort's people and program staff only."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from cohorts.models import ActionPlanItem, Milestone
from tests.cohorts.outcome_helpers import REACHED, attended, make_kinds
from tests.cohorts.view_helpers import sign_in, url
from tests.factories import SessionFactory, UserFactory, add_city, add_member

pytestmark = pytest.mark.django_db

INSIDERS = ["participant", "city_lead", "coach", "staff"]
OUTSIDERS = ["guest", "outsider", "other_participant"]
UTC = datetime.UTC


@pytest.fixture
def outcomes(world):
    """Long Beach: two people at the convening, one at its coaching call, a
    milestone. Wichita: a plan under way, at its call but not at the convening.
    Rows that must not count: a cancelled and a future session, a coach."""
    kinds = make_kinds(world.cohort.program)
    Milestone.objects.create(city=world.long_beach, kind=kinds[0], reached_on=REACHED)
    colleague = UserFactory(username="colleague")
    add_member(world.cohort, colleague, city=world.long_beach)
    attended(world.convening, world.participant, world.long_beach)
    attended(world.convening, colleague, world.long_beach)
    attended(world.long_beach_call, world.participant, world.long_beach)
    attended(world.convening, world.city_lead, world.wichita, came=False)
    attended(world.wichita_call, world.city_lead, world.wichita)
    attended(world.convening, world.coach, None)
    cancelled = SessionFactory(cohort=world.cohort, cancelled=True)
    attended(cancelled, world.participant, world.long_beach)
    soon = timezone.now() + datetime.timedelta(days=2)
    future = SessionFactory(
        cohort=world.cohort, starts_at=soon, ends_at=soon + datetime.timedelta(hours=1)
    )
    attended(future, colleague, world.long_beach)
    for status in ["done", "done", "in_progress", "not_started"]:
        ActionPlanItem.objects.create(city=world.wichita, title=status, status=status)
    return kinds


@pytest.mark.parametrize("viewer", INSIDERS)
def test_the_cohorts_people_see_the_dashboard(client, world, outcomes, viewer):
    sign_in(client, world, viewer)
    assert client.get(url(world, "dashboard/")).status_code == 200
    assert client.get(url(world, "dashboard.csv")).status_code == 200


@pytest.mark.parametrize("viewer", OUTSIDERS)
def test_no_one_else_finds_the_dashboard(client, world, outcomes, viewer):
    sign_in(client, world, viewer)
    assert client.get(url(world, "dashboard/")).status_code == 404
    assert client.get(url(world, "dashboard.csv")).status_code == 404


def test_the_cohort_page_links_to_the_dashboard_for_its_people_only(client, world):
    link = f'href="{url(world, "dashboard/")}"'
    assert link not in client.get(url(world)).text
    client.force_login(world.participant)
    assert link in client.get(url(world)).text


def cells(page: str, city: str) -> list[str]:
    """The text of the city's row's cells in the dashboard's table."""
    start = page.index(f'<th scope="row">{city}</th>')
    row = page[start : page.index("</tr>", start)]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in row.split("<td>")[1:]]


def test_the_dashboard_counts_plans_milestones_and_attendance(client, world, outcomes):
    client.force_login(world.coach)
    page = client.get(url(world, "dashboard/")).text
    # plan done, in progress, not started; milestones, their dates; sessions,
    # people per session, in public totals
    assert cells(page, "Long Beach, CA") == [
        "0 of 0", "0", "0", "1", "Jun 12, 2018", "not yet", "not yet",
        "2 of 2", "1.5", "no",
    ]  # fmt: skip
    assert cells(page, "Wichita, KS") == [
        "2 of 4", "1", "1", "0", "not yet", "not yet", "not yet",
        "1 of 2", "1.0", "no",
    ]  # fmt: skip
    assert '<time datetime="2018-06-12">Jun 12, 2018</time>' in page


def test_the_chart_says_its_numbers_in_words(client, world, outcomes):
    client.force_login(world.participant)
    page = client.get(url(world, "dashboard/")).text
    assert 'role="img" aria-labelledby="outcome-chart-title"' in page
    assert "Outcomes of the 2018 cohort, 2 cities" in page
    for label in [
        "Plan items done: no plan items yet",
        "Milestones reached: 1 of 3",
        "Sessions attended: 2 of 2 (100%)",
        "Plan items done: 2 of 4 (50%)",
        "Milestones reached: 0 of 3",
        "Sessions attended: 1 of 2 (50%)",
    ]:
        assert f">{label}</text>" in page
    assert 'width="50%"' in page  # Wichita's plan and sessions bars
    caption = '<caption id="outcome-table-caption">'
    assert caption + "Outcomes of the 2018 cohort, city by city</caption>" in page


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_has_a_row_per_city_with_the_same_numbers(client, world, outcomes):
    world.long_beach.shows_outcomes = True
    world.long_beach.save()
    client.force_login(world.staff)
    response = client.get(url(world, "dashboard.csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{world.cohort.program.slug}-2018-outcomes.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    header, *rows = read_csv(response)
    assert header == [
        "City",
        "State",
        "In public totals",
        "Plan items",
        "Plan items done",
        "Plan items in progress",
        "Plan items not started",
        "Milestones reached",
        "Reached on: Racial equity resolution adopted by council",
        "Reached on: Equity office staffed",
        "Reached on: Staff trained",
        "Sessions held",
        "Sessions attended",
        "Attendances (people × sessions)",
        "People per session attended",
    ]
    assert rows == [
        ["Long Beach", "CA", "yes", "0", "0", "0", "0", "1", "2018-06-12", "", ""]
        + ["2", "2", "3", "1.5"],
        ["Wichita", "KS", "no", "4", "2", "1", "1", "0", "", "", ""]
        + ["2", "1", "1", "1.0"],
    ]


def test_attendance_recorded_later_shows_at_once(client, world, outcomes):
    client.force_login(world.coach)
    attended(world.convening, UserFactory(), world.wichita)
    page = client.get(url(world, "dashboard/")).text
    assert "Sessions attended: 2 of 2 (100%)" in page.split("Wichita, KS")[1]
    rows = read_csv(client.get(url(world, "dashboard.csv")))
    assert rows[2][-4:] == ["2", "2", "2", "1.0"]  # held, attended, people


def test_cells_a_spreadsheet_would_run_are_made_text(client, world):
    evil = add_city(world.cohort, '=HYPERLINK("https://evil.example","x")', "KS")
    program = world.cohort.program
    for n, name in enumerate(["+SUM(A1:A9)", "-2+3", "@cmd", "\tTab"]):
        program.milestone_kinds.create(name=name, position=n)
    client.force_login(world.staff)
    header, *rows = read_csv(client.get(url(world, "dashboard.csv")))
    assert header[8:12] == [
        "Reached on: +SUM(A1:A9)",  # not at the start of the cell: harmless
        "Reached on: -2+3",
        "Reached on: @cmd",
        "Reached on: \tTab",
    ]
    assert rows[0][0] == """'=HYPERLINK("https://evil.example","x")"""
    assert evil.city.name.startswith("=")
    client.force_login(world.staff)
    assert "=HYPERLINK" in client.get(url(world, "dashboard/")).text


def test_a_cohort_without_cities_has_an_empty_dashboard(client, world):
    from tests.factories import CohortFactory

    empty = CohortFactory(program=world.cohort.program, slug="2030")
    client.force_login(world.staff)
    page = client.get(empty.get_absolute_url() + "dashboard/")
    assert page.status_code == 200
    assert "No city has joined this cohort yet." in page.text
    header, *rows = read_csv(client.get(empty.get_absolute_url() + "dashboard.csv"))
    assert rows == []
