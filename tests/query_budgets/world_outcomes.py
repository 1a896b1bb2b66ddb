"""The query budgets' world, continued: milestones and attendance (the dashboard,
its CSV, the cohort page's milestones, the program page's totals)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from cohorts.models import (
    CohortMembership,
    Milestone,
    MilestoneKind,
    ParticipatingCity,
    SessionResponse,
)
from tests.query_budgets.world_community import change_message

if TYPE_CHECKING:
    from tests.query_budgets.world import Parts, World


def build_outcomes(w: World, p: Parts) -> None:
    """n milestone kinds; each city of maria's cohort reached all but the last;
    every other city agreed to be shown; its people attended the past sessions,
    one in two; a cancelled session. Then the admin's objects of outcomes."""
    n = w.size
    kinds = MilestoneKind.objects.bulk_create(
        MilestoneKind(program=p.program, name=f"Milestone {i}", position=i)
        for i in range(n)
    )
    Milestone.objects.bulk_create(
        Milestone(
            city=city,
            kind=kind,
            reached_on=p.today - datetime.timedelta(days=10 + i),
            evidence_url="https://city.example.gov/minutes",
            note=f"Note {i}",
            recorded_by=w.member,
        )
        for city in p.cities
        for i, kind in enumerate(kinds[:-1])
    )
    ParticipatingCity.objects.filter(pk__in=[c.pk for c in p.cities[::2]]).update(
        shows_outcomes=True
    )
    people = CohortMembership.objects.filter(cohort=w.cohort, city__isnull=False)
    past = [s for s in p.sessions if s.ends_at < p.now]
    SessionResponse.objects.bulk_create(
        SessionResponse(
            session=session,
            user_id=member.user_id,
            city_id=member.city_id,
            answer="going",
            attended=(i + j) % 2 == 0,
        )
        for i, session in enumerate(past)
        for j, member in enumerate(people)
    )
    past[0].cancelled = True
    past[0].save()
    _admin_objects(w, kinds[0], Milestone.objects.filter(city=p.cities[0]).first())


def _admin_objects(w: World, kind: MilestoneKind, milestone: Milestone) -> None:
    """Shown on their admin pages, with n entries of history each (as
    build_admin_objects gives the others)."""
    objects = {"cohorts.milestonekind": kind, "cohorts.milestone": milestone}
    w.admin_objects |= objects
    LogEntry.objects.bulk_create(
        LogEntry(
            user=w.superuser,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            action_flag=CHANGE,
            change_message=change_message(obj, i),
        )
        for obj in objects.values()
        for i in range(w.size)
    )
