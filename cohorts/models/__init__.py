from cohorts.models.cities import City, ParticipatingCity
from cohorts.models.outcomes import Milestone, MilestoneKind, SessionResponse
from cohorts.models.plans import ActionPlanItem
from cohorts.models.program import (
    Cohort,
    CohortMembership,
    Program,
    is_program_staff,
)
from cohorts.models.sessions import Session

__all__ = [
    "ActionPlanItem",
    "City",
    "Cohort",
    "CohortMembership",
    "Milestone",
    "MilestoneKind",
    "ParticipatingCity",
    "Program",
    "Session",
    "SessionResponse",
    "is_program_staff",
]
