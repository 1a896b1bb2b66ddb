"""seed_demo loads the program of the NLC press release (February 2018)."""

import datetime

import pytest
from django.core.management import call_command

from cohorts.models import (
    ActionPlanItem,
    City,
    Cohort,
    CohortMembership,
    Milestone,
    MilestoneKind,
    ParticipatingCity,
    Program,
    Session,
    SessionResponse,
)
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
    cohort = program.cohorts.get(slug="2018")
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


def _everything():
    """How many rows of each kind the program's seed writes."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Program,
            Cohort,
            City,
            ParticipatingCity,
            CohortMembership,
            Session,
            ActionPlanItem,
            MilestoneKind,
            Milestone,
            SessionResponse,
            Board,
        )
    }


def test_running_it_again_adds_nothing(seeded, capsys):
    counts = _everything()
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert "not added" not in output
    assert "was already there (kept as is)" in output
    assert _everything() == counts
    assert Board.objects.filter(cohort__slug="2018").count() == 1


def test_sessions_of_2018_name_no_place_and_say_they_are_illustrative(seeded):
    for session in Cohort.objects.get(slug="2018").sessions.all():
        assert session.location == ""
        assert session.online_url == ""
        assert session.agenda.startswith("*Illustrative: the release names")


def test_each_2018_city_has_a_plan_of_its_own_marked_illustrative(seeded):
    cohort = Cohort.objects.get(slug="2018")
    plans = {
        str(city.city): tuple(item.title for item in city.plan_items.all())
        for city in cohort.participating_cities.select_related("city")
    }
    assert len(plans) == 6
    assert all(plans.values())
    assert len(set(plans.values())) == 6
    assert not set.intersection(*(set(titles) for titles in plans.values()))
    notes = set(
        ActionPlanItem.objects.filter(city__cohort=cohort).values_list(
            "notes", flat=True
        )
    )
    assert notes == {"Illustrative example, not the city's actual plan."}


def test_no_session_has_a_material_dated_after_it(seeded):
    sessions = Session.objects.prefetch_related("materials")
    assert sessions.filter(materials__isnull=False).exists()
    for session in sessions:
        day = session.starts_at.astimezone(session.zone).date()
        for material in session.materials.all():
            assert material.published_on is None or material.published_on <= day, (
                f"{material} ({material.published_on}) is a material of "
                f"{session} ({day})"
            )


def test_the_2018_cohort_reaches_no_milestone(seeded):
    assert not Milestone.objects.filter(city__cohort__slug="2018").exists()
    assert not SessionResponse.objects.filter(session__cohort__slug="2018").exists()


def test_saint_paul_is_also_known_as_st_paul(seeded):
    city = City.objects.get(name="Saint Paul", state="MN")
    assert city.also_known_as == "St. Paul"
