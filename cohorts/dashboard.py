"""Reads of a cohort's outcomes: per city, its plan's progress, the milestones it
reached and the sessions its people attended; and a program's public totals,
which count only the cities that agreed to be shown (shows_outcomes).

A city "could see" a session if it is cohort-wide or the city's own coaching
call; only past sessions not cancelled count, and a city attended one if at least
one of its people was recorded there (SessionResponse.attended)."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from cohorts.models import (
    ActionPlanItem,
    Cohort,
    Milestone,
    MilestoneKind,
    ParticipatingCity,
    Program,
    SessionResponse,
)
from cohorts.models.sessions import Session


class _Count(Subquery):
    """The number of rows of a subquery (correlated with OuterRef), 0 if none."""

    template = "(SELECT count(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


def _held_sessions(now: datetime.datetime) -> QuerySet:
    """Past sessions, not cancelled, that the outer city could see."""
    return Session.objects.filter(
        Q(for_city__isnull=True) | Q(for_city=OuterRef("pk")),
        cohort=OuterRef("cohort"),
        cancelled=False,
        ends_at__lt=now,
    )


def _attendances(now: datetime.datetime) -> QuerySet:
    """The outer city's people recorded as attending those sessions."""
    return SessionResponse.objects.filter(
        Q(session__for_city__isnull=True) | Q(session__for_city=OuterRef("pk")),
        city=OuterRef("pk"),
        attended=True,
        session__cohort=OuterRef("cohort"),
        session__cancelled=False,
        session__ends_at__lt=now,
    )


def _outcome_counts() -> dict[str, _Count]:
    """Each number of the outer city, counted by a subquery (no join that would
    multiply the rows of one relation by those of another)."""
    now = timezone.now()
    items = ActionPlanItem.objects.filter(city=OuterRef("pk")).order_by()
    attendances = _attendances(now).order_by()
    return {
        "items_total": _Count(items.values("pk")),
        "items_done": _Count(items.filter(status="done").values("pk")),
        "items_started": _Count(items.filter(status="in_progress").values("pk")),
        "sessions_held": _Count(_held_sessions(now).order_by().values("pk")),
        "sessions_attended": _Count(attendances.values("session").distinct()),
        "attendances": _Count(attendances.values("pk")),
    }


@dataclass(frozen=True)
class CityOutcomes:
    participation: ParticipatingCity  # annotated with _outcome_counts()
    milestones: list[Milestone]  # reached, by date

    def __getattr__(self, name):
        return getattr(self.participation, name)

    @property
    def items_not_started(self) -> int:
        p = self.participation
        return p.items_total - p.items_done - p.items_started

    @property
    def reached_on(self) -> dict[int, datetime.date]:
        return {m.kind_id: m.reached_on for m in self.milestones}

    @property
    def people_per_session(self) -> float | None:
        p = self.participation
        if not p.sessions_attended:
            return None
        return round(p.attendances / p.sessions_attended, 1)


@dataclass(frozen=True)
class Dashboard:
    cohort: Cohort
    kinds: list[MilestoneKind]
    cities: list[CityOutcomes]

    def dates(self, city: CityOutcomes) -> list[datetime.date | None]:
        """The day the city reached each of the program's milestones, in order."""
        reached = city.reached_on
        return [reached.get(kind.pk) for kind in self.kinds]


def _milestones_by_city(cohort: Cohort) -> dict[int, list[Milestone]]:
    by_city: dict[int, list[Milestone]] = {}
    milestones = (
        Milestone.objects.filter(
            city__cohort=cohort, kind__program_id=cohort.program_id
        )
        .select_related("kind")
        .order_by("reached_on", "kind__position", "pk")
    )
    for milestone in milestones:
        by_city.setdefault(milestone.city_id, []).append(milestone)
    return by_city


def cohort_dashboard(cohort: Cohort) -> Dashboard:
    """Three queries, whatever the number of cities, milestones and sessions."""
    kinds = list(MilestoneKind.objects.filter(program_id=cohort.program_id))
    milestones = _milestones_by_city(cohort)
    cities = (
        ParticipatingCity.objects.filter(cohort=cohort)
        .select_related("city")
        .annotate(**_outcome_counts())
    )
    return Dashboard(
        cohort=cohort,
        kinds=kinds,
        cities=[CityOutcomes(city, milestones.get(city.pk, [])) for city in cities],
    )


def attach_milestones(cohort: Cohort, cities: list[ParticipatingCity]) -> None:
    """Give each city of the cohort page its milestones (`milestone_list`) and the
    program's kinds it has not reached yet (`open_kinds`), in two queries."""
    kinds = list(MilestoneKind.objects.filter(program_id=cohort.program_id))
    milestones = _milestones_by_city(cohort)
    for city in cities:
        city.milestone_list = milestones.get(city.pk, [])
        reached = {m.kind_id for m in city.milestone_list}
        city.open_kinds = [kind for kind in kinds if kind.pk not in reached]


@dataclass(frozen=True)
class KindTotal:
    kind: MilestoneKind
    cities: int  # of the cities shown, how many reached it


@dataclass(frozen=True)
class ProgramTotals:
    cities: int  # that agreed to be shown
    kinds: list[KindTotal]
    sessions_held: int  # summed over those cities: sessions each could attend
    sessions_attended: int
    attendances: int

    @property
    def attended_percent(self) -> int | None:
        if not self.sessions_held:
            return None
        return round(100 * self.sessions_attended / self.sessions_held)


def program_totals(program: Program) -> ProgramTotals:
    """Totals over the program's cohorts, of the cities that agreed to be shown
    only: nothing of any other city is read. Two queries."""
    shown = ParticipatingCity.objects.filter(
        cohort__program=program, shows_outcomes=True
    )
    counts = _outcome_counts()
    sums = shown.aggregate(
        cities=Count("pk"),
        **{
            name: Coalesce(Sum(counts[name]), 0)
            for name in ("sessions_held", "sessions_attended", "attendances")
        },
    )
    kinds = MilestoneKind.objects.filter(program=program).annotate(
        shown_cities=Count(
            "milestones",
            filter=Q(
                milestones__city__shows_outcomes=True,
                milestones__city__cohort__program=program,
            ),
        )
    )
    return ProgramTotals(
        kinds=[KindTotal(kind, kind.shown_cities) for kind in kinds], **sums
    )
