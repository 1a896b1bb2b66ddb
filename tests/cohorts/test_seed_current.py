"""seed_demo's illustrative current cohort: dated from the day it is made, then kept."""

import datetime

import pytest
from django.utils import timezone

from cohorts.models import (
    Cohort,
    Milestone,
    MilestoneKind,
    Program,
    Session,
    SessionResponse,
)
from cohorts.seed import seed_program
from community.seed import seed_accounts
from resources.seed import seed_library

pytestmark = pytest.mark.django_db

A_DAY = datetime.timedelta(days=1)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def seeded(today):
    seed_library()
    seed_accounts()
    return seed_program(today=today)


@pytest.fixture
def cohort(seeded):
    return Cohort.objects.exclude(slug="2018").get()


def test_it_is_named_by_its_year_and_began_three_weeks_ago(seeded, cohort, today):
    starts_on = today - 21 * A_DAY
    assert cohort.starts_on == starts_on
    assert cohort.name == f"{starts_on.year} cohort"
    assert cohort.slug == str(starts_on.year)
    assert cohort.state == "active"
    assert cohort.program.slug == "racial-equity-racial-healing"
    assert (seeded.current_cohort, seeded.current_created) == (cohort.name, True)


def test_its_summary_says_plainly_it_is_illustrative(cohort):
    assert cohort.summary.startswith(
        "Illustrative demo cohort: not a real cohort of the program."
    )


def test_every_session_is_illustrative_and_says_so(cohort):
    sessions = list(cohort.sessions.all())
    assert all(s.is_illustrative for s in sessions)
    assert all(s.agenda.startswith("*Illustrative demo session") for s in sessions)


def test_sessions_are_coming_in_the_next_months(cohort, today):
    upcoming = list(cohort.sessions.upcoming().filter(cancelled=False))
    days = [(s.starts_at.astimezone(s.zone).date() - today).days for s in upcoming]
    assert days[0] == 7
    assert upcoming[0].kind == "webinar"
    assert {s.kind for s in upcoming} == {
        "webinar",
        "coaching_call",
        "convening",
        "site_visit",
        "academy",
    }
    convening = next(s for s in upcoming if s.kind == "convening")
    assert 55 <= (convening.starts_at.date() - today).days <= 65
    assert cohort.sessions.filter(starts_at__lt=timezone.now()).count() == 2
    assert cohort.sessions.filter(cancelled=True).count() == 1


def test_the_demo_people_take_part(cohort):
    roles = {
        m.user.username: (m.role, str(m.city) if m.city else None)
        for m in cohort.memberships.select_related("user", "city__city")
    }
    assert roles == {
        "maria": ("participant", "Long Beach, CA"),
        "james": ("city_lead", "Wichita, KS"),
        "coach": ("coach", None),
        "programstaff": ("program_staff", None),
    }


def test_upcoming_sessions_have_answers_and_past_ones_attendance(cohort):
    responses = SessionResponse.objects.filter(session__cohort=cohort)
    upcoming = responses.filter(session__ends_at__gte=timezone.now())
    past = responses.filter(session__ends_at__lt=timezone.now())
    assert {r.answer for r in upcoming} == {"going", "maybe", "not_going"}
    assert all(r.attended is None for r in upcoming)
    assert {r.attended for r in past} == {True, False}
    maria = responses.get(user__username="maria", session__title="Kickoff webinar")
    assert str(maria.city) == "Long Beach, CA"
    coach = responses.get(user__username="coach", session__title="Kickoff webinar")
    assert coach.city is None
    assert not responses.filter(session__cancelled=True).exists()


def test_milestones_of_the_program_and_some_cities_reached(cohort, today):
    kinds = set(
        MilestoneKind.objects.filter(program=cohort.program).values_list(
            "name", flat=True
        )
    )
    assert {
        "Racial equity resolution adopted by council",
        "Equity office staffed",
        "Staff trained",
    } <= kinds
    milestones = Milestone.objects.filter(city__cohort=cohort)
    assert milestones.count() >= 3
    for milestone in milestones:
        assert cohort.starts_on <= milestone.reached_on <= today
        assert milestone.note.startswith("Illustrative")
        assert milestone.evidence_url == ""


def test_only_made_up_cities_count_in_public_totals(cohort):
    showing = {
        str(p.city)
        for p in cohort.participating_cities.select_related("city")
        if p.shows_outcomes
    }
    assert showing == {"Millbrook (demo), GA", "Riverbend (demo), OR"}


def test_plans_differ_by_city_and_are_marked_illustrative(cohort):
    plans = {
        str(p.city): tuple(i.title for i in p.plan_items.all())
        for p in cohort.participating_cities.select_related("city")
    }
    assert all(plans.values())
    assert len(set(plans.values())) == len(plans)
    notes = {
        i.notes for p in cohort.participating_cities.all() for i in p.plan_items.all()
    }
    assert notes == {"Illustrative demo plan: made up to show how the site works."}


def test_a_later_run_keeps_it_as_it_was(cohort, today):
    sessions = list(Session.objects.filter(cohort=cohort).values_list("starts_at"))
    counts = (
        SessionResponse.objects.count(),
        Milestone.objects.count(),
        Program.objects.get().milestone_kinds.count(),
    )
    report = seed_program(today=today + 40 * A_DAY)
    assert (report.current_cohort, report.current_created) == (cohort.name, False)
    assert Cohort.objects.exclude(slug="2018").get() == cohort
    again = list(Session.objects.filter(cohort=cohort).values_list("starts_at"))
    assert again == sessions
    assert (
        SessionResponse.objects.count(),
        Milestone.objects.count(),
        Program.objects.get().milestone_kinds.count(),
    ) == counts


def test_a_cohort_of_that_year_already_there_gets_another_slug():
    seed_library()
    seed_accounts()
    seed_program(today=datetime.date(2018, 2, 22))  # it "began" Feb 1, 2018
    slugs = Cohort.objects.filter(summary__startswith="Illustrative demo cohort")
    assert list(slugs.values_list("slug", flat=True)) == ["2018-demo"]
