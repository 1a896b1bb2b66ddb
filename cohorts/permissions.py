"""Who may enter a cohort's workspace and move a city's plan along. Which cohorts
and sessions a viewer sees is decided by the querysets (workspace_for, visible_to)."""

from cohorts.models import (
    Cohort,
    CohortMembership,
    ParticipatingCity,
    is_program_staff,
)


def membership_of(user, cohort) -> CohortMembership | None:
    if not user.is_authenticated:
        return None
    return (
        CohortMembership.objects.filter(user=user, cohort=cohort)
        .select_related("city__city")
        .first()
    )


def workspace_access(user, cohort) -> tuple[bool, CohortMembership | None]:
    """Whether the viewer may enter the cohort's workspace, by the one rule
    (Cohort.objects.workspace_for), and the viewer's membership. A member is
    let in by the membership found, without asking again."""
    membership = membership_of(user, cohort)
    if membership is not None:
        return True, membership
    return Cohort.objects.workspace_for(user).contains(cohort), None


def may_update_plan(
    user, city: ParticipatingCity, membership: CohortMembership | None = None
) -> bool:
    if is_program_staff(user):
        return True
    if membership is None:
        membership = membership_of(user, city.cohort_id)
    if membership is None or membership.cohort_id != city.cohort_id:
        return False
    return (
        membership.role in CohortMembership.COHORT_WIDE_ROLES
        or membership.city_id == city.pk
    )
