"""What of the cohort program pages show, and which kept copies it moves
(core.versions)."""

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
from core import versions

COHORTS = "cohorts"


def register() -> None:
    for model in (
        Program,
        Cohort,
        City,
        ParticipatingCity,
        CohortMembership,
        Session,
        ActionPlanItem,
        SessionResponse,
        MilestoneKind,
        Milestone,
    ):
        versions.shown(model, [COHORTS])
