"""Reads of the cohort pages: the timeline drawing, rosters and plan progress."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from cohorts.models import (
    ActionPlanItem,
    Cohort,
    CohortMembership,
    ParticipatingCity,
    Session,
    SessionResponse,
)
from cohorts.services import months_after
from core.people import active

LANES = list(Session.Kind)


LANE_HEIGHT = 28
AXIS_HEIGHT = 30


@dataclass(frozen=True)
class Tick:
    x: str  # an SVG coordinate: a percentage of the band's width
    label: str
    minor: bool = False  # a label narrow screens leave out
    near_end: bool = False  # in the last third: drawn to the left of its line, so
    # that a long label ("oct. 2027") stays inside the band on a narrow screen


@dataclass(frozen=True)
class Lane:
    kind: str
    label: str
    y: int


@dataclass(frozen=True)
class Marker:
    x: str
    y: int
    session: Session
    day: datetime.date  # in the session's own zone


@dataclass(frozen=True)
class Timeline:
    starts_on: datetime.date
    ends_on: datetime.date
    ticks: list[Tick]
    markers: list[Marker]
    lanes: list[Lane]
    today: str | None

    @property
    def band_height(self) -> int:
        return len(self.lanes) * LANE_HEIGHT

    @property
    def height(self) -> int:
        return self.band_height + AXIS_HEIGHT

    @property
    def last_day(self) -> datetime.date:
        return self.ends_on - datetime.timedelta(days=1)

    @property
    def label_y(self) -> int:
        return self.height - 10


def _percent(day: datetime.date, start: datetime.date, days: int) -> str:
    return f"{min(max((day - start).days / days, 0), 1) * 100:.2f}%"


def cohort_timeline(cohort: Cohort, sessions: list[Session]) -> Timeline:
    """The program's months as a band, each session placed on it by kind. The band
    stretches to the cohort's end and to any session outside the program's months."""
    days_of = {s.pk: timezone.localdate(s.starts_at, s.zone) for s in sessions}
    start, months, end = _band(cohort, list(days_of.values()))
    days = (end - start).days or 1
    markers = [
        Marker(
            x=_percent(days_of[s.pk], start, days),
            y=LANES.index(s.kind) * LANE_HEIGHT + LANE_HEIGHT // 2,
            session=s,
            day=days_of[s.pk],
        )
        for s in sessions
    ]
    today = timezone.localdate()
    return Timeline(
        starts_on=start,
        ends_on=end,
        ticks=_ticks(start, months, end),
        markers=markers,
        lanes=[
            Lane(kind=kind.value, label=kind.label, y=n * LANE_HEIGHT)
            for n, kind in enumerate(LANES)
        ],
        today=_percent(today, start, days) if start <= today <= end else None,
    )


def _band(cohort: Cohort, days: list[datetime.date]):
    """The band's first day, its number of whole months and the day after it."""
    start = min([cohort.starts_on, *days]).replace(day=1)
    last = max([cohort.ends_on, *days])
    try:
        program_end = months_after(
            cohort.starts_on.replace(day=1), cohort.program.length_months
        )
        last = max(last, program_end - datetime.timedelta(days=1))
    except ValueError:  # a date near the end of the calendar
        pass
    months = (last.year - start.year) * 12 + last.month - start.month + 1
    try:
        end = months_after(start, months)
    except ValueError:
        end = datetime.date.max
    return start, months, end


def _ticks(start: datetime.date, months: int, end: datetime.date) -> list[Tick]:
    """A tick per month, labelled every third month, major every sixth."""
    days = (end - start).days or 1
    ticks = []
    for n in range(months + 1):
        month = months_after(start, n) if n < months else end
        label = (
            date_format(month, "ABBREVIATED_YEAR_MONTH_FORMAT")
            if n % 3 == 0 and n < months
            else ""
        )
        ticks.append(
            Tick(
                x=_percent(month, start, days),
                label=label,
                minor=n % 6 != 0,
                near_end=n > months * 2 / 3,
            )
        )
    return ticks


def participating_cities(cohort: Cohort):
    return ParticipatingCity.objects.filter(cohort=cohort).select_related("city")


def _sessions_recorded(**filters) -> Coalesce:
    """How many of a member's sessions in the cohort (not cancelled) had their
    attendance recorded, with `filters` on the record."""
    records = (
        SessionResponse.objects.filter(
            user=OuterRef("user_id"),
            session__cohort=OuterRef("cohort_id"),
            session__cancelled=False,
            attended__isnull=False,
            **filters,
        )
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(records), 0)


def roster(cohort: Cohort) -> list[CohortMembership]:
    """The cohort's people, city by city (alphabetical), then the program team;
    each with the sessions whose attendance was recorded and those attended."""
    return list(
        CohortMembership.objects.filter(cohort=cohort)
        .select_related("user__profile", "city__city")
        .annotate(
            sessions_recorded=_sessions_recorded(),
            sessions_attended=_sessions_recorded(attended=True),
        )
        .order_by(
            F("city__city__name").asc(nulls_last=True),
            "role",
            "user__profile__display_name",
            "user__username",
        )
    )


def plan_progress(cohort: Cohort):
    """Each city with its plan items and how many are done or under way."""
    return (
        ParticipatingCity.objects.filter(cohort=cohort)
        .select_related("city")
        .annotate(
            items_total=Count("plan_items"),
            items_done=Count("plan_items", filter=Q(plan_items__status="done")),
            items_started=Count(
                "plan_items", filter=Q(plan_items__status="in_progress")
            ),
        )
        .prefetch_related(
            Prefetch(
                "plan_items",
                queryset=ActionPlanItem.objects.order_by("position", "due_on", "pk"),
            )
        )
    )


def upcoming_sessions(user, *, limit: int = 5) -> list[Session]:
    """The next sessions of the cohorts this viewer works in."""
    if not user.is_authenticated:
        return []
    return list(
        Session.objects.visible_to(user)
        .filter(cohort__in=Cohort.objects.workspace_for(user))
        .upcoming()
        .select_related("cohort__program", "host_city__city")
        .annotate(
            my_answer=Subquery(
                SessionResponse.objects.filter(
                    session=OuterRef("pk"), user=user
                ).values("answer")[:1]
            )
        )[:limit]
    )


def session_people(session: Session):
    """The memberships of the session's cohort whose people may see it: everyone in
    the cohort, or for a one-city session that city's people and the cohort-wide
    roles (the same rule as Session.objects.visible_to)."""
    members = CohortMembership.objects.filter(
        active("user"), cohort_id=session.cohort_id
    )
    if session.for_city_id:
        members = members.filter(
            Q(city_id=session.for_city_id)
            | Q(role__in=CohortMembership.COHORT_WIDE_ROLES)
        )
    return members
