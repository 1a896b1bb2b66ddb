import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cohorts import services
from cohorts.importing import parse_city_line
from cohorts.models import City, ParticipatingCity, Session
from community.models import Board
from tests.factories import CohortFactory, SessionFactory, add_city

pytestmark = pytest.mark.django_db


def test_creating_a_cohort_opens_its_private_board():
    cohort = CohortFactory(name="2018 cohort")
    board = Board.objects.get(cohort=cohort)
    assert board.visibility == Board.Visibility.COHORT
    assert "2018 cohort" in board.name


def test_adding_a_city_twice_is_refused_with_its_name():
    cohort = CohortFactory()
    add_city(cohort, "Pittsburgh", "PA", "America/New_York")
    city = services.city_get_or_create(name="pittsburgh", state="pa")
    with pytest.raises(ValidationError) as error:
        services.cohort_city_add(cohort=cohort, city=city)
    assert error.value.messages == ["Pittsburgh, PA is already in this cohort."]
    assert ParticipatingCity.objects.filter(cohort=cohort).count() == 1
    assert City.objects.filter(name__iexact="pittsburgh").count() == 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Charlotte, N.C", ("Charlotte", "NC")),
        ("Long Beach, Calif.", ("Long Beach", "CA")),
        ("Pittsburgh, Penn.", ("Pittsburgh", "PA")),
        ("St. Paul, Minn.", ("Saint Paul", "MN")),
        ("  • Wichita,   Kan. ", ("Wichita", "KS")),
        ("Boston, Massachusetts", ("Boston", "MA")),
        ("Austin, TX", ("Austin", "TX")),
    ],
)
def test_city_lines_read_as_press_releases_write_them(line, expected):
    assert parse_city_line(line) == expected


@pytest.mark.parametrize("line", ["Wichita", "Atlantis, Zz.", ", KS"])
def test_city_line_without_a_known_state_is_refused(line):
    with pytest.raises(ValueError, match="state|Name, State"):
        parse_city_line(line)


def test_schedule_copy_shifts_dates_and_skips_cities_the_target_lacks():
    source = CohortFactory(starts_on=datetime.date(2018, 2, 1))
    target = CohortFactory(
        program=source.program,
        starts_on=datetime.date(2019, 2, 1),
        ends_on=datetime.date(2020, 4, 30),
    )
    wichita = add_city(source, "Wichita", "KS")
    rochester = add_city(source, "Rochester", "NY", "America/New_York")
    target_wichita = add_city(target, "Wichita", "KS")
    start = datetime.datetime(2018, 3, 1, 15, tzinfo=datetime.UTC)
    webinar = SessionFactory(cohort=source, kind="webinar", starts_at=start)
    SessionFactory(cohort=source, kind="site_visit", host_city=wichita)
    SessionFactory(cohort=source, kind="site_visit", host_city=rochester)
    copied, skipped = services.cohort_schedule_copy(source=source, target=target)
    assert (copied, skipped) == (2, 1)
    copies = Session.objects.filter(cohort=target)
    assert copies.get(kind="webinar").starts_at == webinar.starts_at + (
        datetime.date(2019, 2, 1) - datetime.date(2018, 2, 1)
    )
    assert copies.get(kind="site_visit").host_city == target_wichita
    assert all(s.is_illustrative for s in copies)
    assert Session.objects.filter(cohort=source).count() == 3


def test_calendar_token_reset_gives_a_new_secret(world):
    membership = world.cohort.memberships.get(user=world.participant)
    old = membership.calendar_token
    services.calendar_token_reset(membership=membership)
    membership.refresh_from_db()
    assert membership.calendar_token != old
    assert len(membership.calendar_token) >= 32


def test_only_the_citys_people_move_its_plan_along(world):
    item = world.long_beach.plan_items.create(title="Adopt a resolution")
    services.action_item_set_status(item=item, user=world.participant, status="done")
    item.refresh_from_db()
    assert item.status == "done"
    with pytest.raises(PermissionDenied):
        services.action_item_set_status(
            item=item, user=world.city_lead, status="not_started"
        )
    services.action_item_set_status(item=item, user=world.coach, status="in_progress")
    item.refresh_from_db()
    assert item.status == "in_progress"


def test_months_after_clamps_to_the_end_of_the_month():
    assert services.months_after(datetime.date(2018, 2, 1), 15) == datetime.date(
        2019, 5, 1
    )
    assert services.months_after(datetime.date(2019, 1, 31), 1) == datetime.date(
        2019, 2, 28
    )


def test_importing_the_release_list_adds_each_city_once(tmp_path, capsys):
    from django.core.management import call_command

    cohort = CohortFactory(slug="2018")
    lines = tmp_path / "cities.txt"
    lines.write_text(
        "  • Charlotte, N.C\n  • Pittsburgh, Penn.\n  • St. Paul, Minn.\n"
        "  • Pittsburgh, Penn.\n  • Nowhere\n",
        encoding="utf-8",
    )
    call_command("import_cohort_cities", f"{cohort.program.slug}/2018", str(lines))
    out, err = capsys.readouterr()
    assert "3 added, 2 not added." in out
    assert "Pittsburgh, PA is already in this cohort." in err
    assert "has no state" in err
    assert sorted(str(p) for p in cohort.participating_cities.all()) == [
        "Charlotte, NC",
        "Pittsburgh, PA",
        "Saint Paul, MN",
    ]


def test_schedule_copy_keeps_the_wall_clock_time_across_daylight_saving():
    zone = ZoneInfo("America/Los_Angeles")
    source = CohortFactory(starts_on=datetime.date(2018, 1, 1))
    target = CohortFactory(
        program=source.program,
        starts_on=datetime.date(2018, 7, 1),
        ends_on=datetime.date(2019, 9, 30),
    )
    SessionFactory(
        cohort=source, time_zone="America/Los_Angeles",
        starts_at=datetime.datetime(2018, 1, 10, 9, tzinfo=zone),
        ends_at=datetime.datetime(2018, 1, 10, 10, tzinfo=zone),
    )  # fmt: skip
    services.cohort_schedule_copy(source=source, target=target)
    copy = Session.objects.get(cohort=target)
    assert copy.starts_at.astimezone(zone).hour == 9  # PDT now, still 9:00
