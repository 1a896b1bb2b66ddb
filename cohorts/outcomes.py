"""Writes of a city's outcomes: the milestones it reached. Who may record them is
the rule of plan updates (cohorts.permissions.may_update_plan): the city's own
people, the cohort's coaches and program staff."""

import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from cohorts.models import Milestone, MilestoneKind, ParticipatingCity
from cohorts.permissions import may_update_plan

MILESTONE_NOT_YOURS = _(
    "Only this city's people and the program team record its milestones."
)
MILESTONE_REACHED_ALREADY = _("%(city)s already recorded “%(kind)s”.")


def milestone_record(
    *,
    city: ParticipatingCity,
    kind: MilestoneKind,
    reached_on: datetime.date,
    evidence_url: str = "",
    note: str = "",
    recorded_by: AbstractBaseUser | AnonymousUser,
) -> Milestone:
    """Record that the city reached this milestone on that day. Refused, with
    nothing stored, for a future date, a date before the cohort began, a kind of
    another program, a milestone recorded already, or someone not of the city."""
    if not may_update_plan(recorded_by, city):
        raise PermissionDenied(MILESTONE_NOT_YOURS)
    already = ValidationError(
        {
            "kind": ValidationError(
                MILESTONE_REACHED_ALREADY, params={"city": city.city, "kind": kind}
            )
        }
    )
    if Milestone.objects.filter(city=city, kind=kind).exists():
        raise already
    milestone = Milestone(
        city=city,
        kind=kind,
        reached_on=reached_on,
        evidence_url=evidence_url.strip(),
        note=note.strip(),
        recorded_by=recorded_by if recorded_by.is_authenticated else None,
    )
    milestone.full_clean()
    try:
        with transaction.atomic():
            milestone.save()
    except IntegrityError:  # the same milestone, recorded by someone else just now
        raise already from None
    return milestone


def milestone_remove(
    *, milestone: Milestone, user: AbstractBaseUser | AnonymousUser
) -> None:
    """Take back a milestone recorded by mistake (the same people may)."""
    if not may_update_plan(user, milestone.city):
        raise PermissionDenied(MILESTONE_NOT_YOURS)
    milestone.delete()
