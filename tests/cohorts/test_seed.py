"""seed_demo loads the program of the NLC press release (February 2018)."""

import datetime

import pytest
from django.core.management import call_command

from cohorts.models import Cohort, Program
from community.models import Board

pytestmark = pytest.mark.django_db

SIX_CITIES = [
    "Charlotte, NC",
    "Long Beach, CA",
    "Pittsburgh, PA",
    "Rochester, NY",
    "Saint Paul, MN",
    "Wichita, KS",
]


@pytest.fixture
def seeded(db, capsys):
    call_command("seed_demo")
    return capsys.readouterr().out


def test_the_2018_cohort_has_exactly_six_cities(seeded):
    cohort = Cohort.objects.get(slug="2018")
    assert [
        str(p.city) for p in cohort.participating_cities.select_related("city")
    ] == (SIX_CITIES)


def test_pittsburgh_listed_twice_is_refused_through_the_same_path(seeded):
    assert (
        "not added “Pittsburgh, Penn.”: Pittsburgh, PA is already in this cohort."
        in (seeded)
    )


def test_program_facts_come_from_the_release(seeded):
    program = Program.objects.get()
    assert program.name == (
        "Cities for Racial Equity and Racial Healing Technical Assistance Initiative"
    )
    assert program.length_months == 15
    assert program.organization.slug == "nlc-real"
    assert [o.slug for o in program.funders.all()] == ["wkkf"]
    cohort = program.cohorts.get()
    assert cohort.starts_on == datetime.date(2018, 2, 1)
    assert cohort.announcement.slug == (
        "nlc-selects-six-cities-racial-equity-racial-healing-2018"
    )


def test_sessions_of_every_kind_fall_within_the_fifteen_months(seeded):
    cohort = Cohort.objects.get(slug="2018")
    sessions = list(cohort.sessions.all())
    assert {s.kind for s in sessions} == {
        "convening",
        "site_visit",
        "academy",
        "coaching_call",
        "webinar",
    }
    assert all(s.is_illustrative for s in sessions)
    for session in sessions:
        assert cohort.starts_on <= session.starts_at.date() <= cohort.ends_on


def test_demo_people_and_the_cohort_board(seeded):
    cohort = Cohort.objects.get(slug="2018")
    roles = dict(cohort.memberships.values_list("user__username", "role"))
    assert roles == {
        "maria": "participant",
        "james": "city_lead",
        "coach": "coach",
        "programstaff": "program_staff",
    }
    board = Board.objects.get(cohort=cohort)
    assert board.threads.count() == 1


def test_running_it_again_adds_nothing(seeded, capsys):
    cohort = Cohort.objects.get(slug="2018")
    counts = (cohort.participating_cities.count(), cohort.sessions.count())
    call_command("seed_demo")
    assert "not added" not in capsys.readouterr().out
    assert (cohort.participating_cities.count(), cohort.sessions.count()) == counts
    assert Board.objects.filter(cohort=cohort).count() == 1
