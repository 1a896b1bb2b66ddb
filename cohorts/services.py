"""Writes of the cohort program: cohorts, their cities, members, sessions, plans."""

import calendar
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Q, When
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cohorts.models import (
    ActionPlanItem,
    City,
    Cohort,
    CohortMembership,
    ParticipatingCity,
    Session,
)
from cohorts.models.program import new_calendar_token
from cohorts.permissions import may_update_plan
from cohorts.signals import cohort_created

NOT_YOUR_CITY = _("Only this city's people and the program team update its plan.")


def city_get_or_create(
    *, name: str, state: str, time_zone: str = "", also_known_as: str = ""
) -> City:
    """The city of this name (or other name) and state, whatever the case."""
    name = " ".join(name.split())
    state = state.strip().upper()
    city = (
        City.objects.filter(Q(name__iexact=name) | Q(also_known_as__iexact=name))
        .filter(state=state)
        .order_by(Case(When(name__iexact=name, then=0), default=1), "pk")
        .first()
    )
    if city:
        return city
    city = City(
        name=name,
        state=state,
        slug=slugify(f"{name} {state}"),
        also_known_as=" ".join(also_known_as.split()),
    )
    if time_zone:
        city.time_zone = time_zone
    city.full_clean()
    city.save()
    return city


@transaction.atomic
def cohort_create(*, cohort: Cohort) -> Cohort:
    """Save a new cohort and announce it, so its private board is opened too."""
    cohort.full_clean()
    cohort.save()
    cohort_created.send(sender=Cohort, cohort=cohort)
    return cohort


def cohort_city_add(*, cohort: Cohort, city: City) -> ParticipatingCity:
    """Add a city to a cohort, once: a second time is refused with a clear message."""
    participation = ParticipatingCity(cohort=cohort, city=city)
    participation.full_clean()  # names the city if it is already in the cohort
    participation.save()
    return participation


def membership_add(
    *,
    cohort: Cohort,
    user,
    role: str = CohortMembership.Role.PARTICIPANT,
    city: ParticipatingCity | None = None,
) -> CohortMembership:
    membership = CohortMembership(cohort=cohort, user=user, role=role, city=city)
    membership.full_clean()
    membership.save()
    return membership


def calendar_token_reset(*, membership: CohortMembership) -> CohortMembership:
    """Give the member a new private calendar address; the old one stops working."""
    membership.calendar_token = new_calendar_token()
    membership.save(update_fields=["calendar_token"])
    return membership


def session_save(*, session: Session, materials=None) -> Session:
    session.full_clean()
    session.save()
    if materials is not None:
        session.materials.set(materials)
    return session


def _shift_wall_clock(moment: datetime, shift: timedelta, zone) -> datetime:
    local = moment.astimezone(zone).replace(tzinfo=None) + shift
    return local.replace(tzinfo=zone)


@transaction.atomic
def cohort_schedule_copy(*, source: Cohort, target: Cohort) -> tuple[int, int]:
    """Copy the source cohort's sessions into the target, shifted by the distance
    between their start dates. Sessions tied to a city the target lacks are skipped.
    Returns (copied, skipped)."""
    shift = target.starts_on - source.starts_on
    target_cities = {
        p.city_id: p for p in ParticipatingCity.objects.filter(cohort=target)
    }
    copied = skipped = 0
    sessions = source.sessions.select_related("host_city", "for_city").prefetch_related(
        "materials"
    )
    for session in sessions:
        host = for_city = None
        if session.host_city_id:
            host = target_cities.get(session.host_city.city_id)
            if host is None:
                skipped += 1
                continue
        if session.for_city_id:
            for_city = target_cities.get(session.for_city.city_id)
            if for_city is None:
                skipped += 1
                continue
        copy = Session(
            cohort=target,
            kind=session.kind,
            title=session.title,
            title_es=session.title_es,
            # The wall-clock time moves, so 9:00 stays 9:00 across a DST change.
            starts_at=_shift_wall_clock(session.starts_at, shift, session.zone),
            ends_at=_shift_wall_clock(session.ends_at, shift, session.zone),
            time_zone=session.time_zone,
            is_illustrative=True,
            host_city=host,
            for_city=for_city,
            location=session.location,
            online_url=session.online_url,
            agenda=session.agenda,
        )
        session_save(session=copy, materials=list(session.materials.all()))
        copied += 1
    return copied, skipped


def action_item_set_status(
    *, item: ActionPlanItem, user, status: str
) -> ActionPlanItem:
    """A city's people (and the program team) move their plan's items along."""
    if not may_update_plan(user, item.city):
        raise PermissionDenied(NOT_YOUR_CITY)
    item.status = status
    item.full_clean()
    item.save(update_fields=["status", "updated_at"])
    return item


def months_after(start: date, months: int) -> date:
    """The same day `months` later (clamped to the month's end)."""
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
