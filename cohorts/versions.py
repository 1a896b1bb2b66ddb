"""What of the cohort program pages show, and which kept copies it moves
(core.versions)."""

from cohorts.models import (
    ActionPlanItem,
    City,
    Cohort,
    CohortMembership,
    ParticipatingCity,
    Program,
    Session,
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
    ):
        versions.shown(model, [COHORTS])
