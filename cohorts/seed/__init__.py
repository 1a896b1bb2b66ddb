"""The demo's cohort program (part of seed_demo): the program of the NLC press
release of February 2018 with its historical 2018 cohort, and an illustrative
cohort running now. Safe to run again: it adds only what is missing."""

import datetime

from django.db import transaction

from cohorts.seed import current, outcomes
from cohorts.seed.program import program_ensure
from cohorts.seed.release_2018 import SeedReport, cohort_2018, members_ensure

__all__ = ["SeedReport", "seed_program"]


@transaction.atomic
def seed_program(*, today: datetime.date | None = None) -> SeedReport:
    """Load the program, its 2018 cohort and the illustrative current cohort
    (dated from `today` when it is first made)."""
    report = SeedReport()
    program = program_ensure()
    cohort_2018(program, report)
    cohort, report.current_created = current.current_cohort(program, today=today)
    report.current_cohort = cohort.name
    cities = current.cities_ensure(cohort)
    current.sessions_ensure(cohort, cities)
    outcomes.plans_current(cohort)
    members_ensure(cohort)
    outcomes.responses_ensure(cohort)
    outcomes.milestones_ensure(cohort)
    return report
