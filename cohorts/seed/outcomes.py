"""What the illustrative current cohort shows happening: answers to its upcoming
sessions, attendance at its past ones, its cities' plans and milestones. All made
up, and marked so where a note can say it."""

import datetime

from django.contrib.auth import get_user_model

from cohorts.models import (
    ActionPlanItem,
    Cohort,
    Milestone,
    MilestoneKind,
    SessionResponse,
)
from cohorts.seed.plans import plans_ensure

A = SessionResponse.Answer
S = ActionPlanItem.Status
ILLUSTRATIVE_PLAN = "Illustrative demo plan: made up to show how the site works."
ILLUSTRATIVE_MILESTONE = "Illustrative: made up to show how the site works."

# Session title: (handle, answer, attended). Attendance only for past sessions.
RESPONSES = {
    "Kickoff webinar": [
        ("maria", A.GOING, True),
        ("james", A.GOING, False),
        ("coach", A.GOING, True),
    ],
    "Coaching call: Long Beach": [("maria", A.GOING, True), ("coach", A.GOING, True)],
    "Webinar: Talking about race with city staff": [
        ("maria", A.GOING, None),
        ("james", A.MAYBE, None),
        ("coach", A.GOING, None),
    ],
    "Coaching call: Wichita": [("james", A.GOING, None), ("coach", A.GOING, None)],
    "Cross-site convening": [
        ("maria", A.GOING, None),
        ("james", A.NOT_GOING, None),
        ("programstaff", A.GOING, None),
    ],
}

# (city, milestone kind, days after the cohort's start): all within the three
# weeks before the cohort was created, so none is in the future.
MILESTONES = [
    ("Long Beach", "Equity office staffed", 4),
    ("Wichita", "Racial equity resolution adopted by council", 12),
    ("Millbrook (demo)", "Racial equity resolution adopted by council", 9),
    ("Millbrook (demo)", "Staff trained", 17),
    ("Riverbend (demo)", "Community dialogue held", 14),
]

# (title, owner, status, months after the cohort's start it is due)
PLANS = {
    "Long Beach": [
        ("Publish the equity office's first annual report", "Equity office",
         S.IN_PROGRESS, 4),
        ("Apply a racial equity lens to the next budget cycle", "Budget office",
         S.NOT_STARTED, 9),
    ],
    "Wichita": [
        ("Hold a council study session on a racial equity resolution", "Council",
         S.DONE, 1),
        ("Train department heads in governing for racial equity",
         "Human resources", S.IN_PROGRESS, 6),
        ("Hold a community dialogue on racial healing", "Mayor's office",
         S.NOT_STARTED, 11),
    ],
    "Millbrook (demo)": [
        ("Adopt a racial equity resolution", "Council", S.DONE, 1),
        ("Draft the city's racial equity action plan", "City manager's office",
         S.IN_PROGRESS, 8),
    ],
    "Riverbend (demo)": [
        ("Listen to residents in three neighborhoods", "Community relations",
         S.IN_PROGRESS, 3),
        ("Staff an equity office", "City manager's office", S.NOT_STARTED, 10),
    ],
}  # fmt: skip


def plans_current(cohort: Cohort) -> None:
    plans_ensure(cohort, PLANS, note=ILLUSTRATIVE_PLAN)


def responses_ensure(cohort: Cohort) -> int:
    """Answers and attendance, once: none is added to a cohort that has some."""
    if SessionResponse.objects.filter(session__cohort=cohort).exists():
        return 0
    sessions = {s.title: s for s in cohort.sessions.all()}
    people = {
        m.user.username: m
        for m in cohort.memberships.select_related("user", "city").filter(
            user__username__in={h for rows in RESPONSES.values() for h, _, _ in rows}
        )
    }
    added = 0
    for title, rows in RESPONSES.items():
        session = sessions.get(title)
        for handle, answer, attended in rows:
            membership = people.get(handle)
            if session is None or membership is None:
                continue
            response = SessionResponse(
                session=session,
                user=membership.user,
                city=membership.city,
                answer=answer,
                attended=attended,
                answered_at=session.starts_at - datetime.timedelta(days=2),
            )
            response.full_clean()
            response.save()
            added += 1
    return added


def milestones_ensure(cohort: Cohort) -> int:
    """The cities' milestones, once: none is added to a cohort that has some."""
    if Milestone.objects.filter(city__cohort=cohort).exists():
        return 0
    kinds = {k.name: k for k in MilestoneKind.objects.filter(program=cohort.program)}
    cities = {
        p.city.name: p for p in cohort.participating_cities.select_related("city")
    }
    staff = get_user_model().objects.filter(username="programstaff").first()
    added = 0
    for city_name, kind_name, days in MILESTONES:
        city, kind = cities.get(city_name), kinds.get(kind_name)
        if city is None or kind is None:
            continue
        milestone = Milestone(
            city=city,
            kind=kind,
            reached_on=cohort.starts_on + datetime.timedelta(days),
            note=ILLUSTRATIVE_MILESTONE,
            recorded_by=staff,
        )
        milestone.full_clean()
        milestone.save()
        added += 1
    return added
