"""What the outcome tests share: a program's milestone kinds, attendance rows."""

import datetime

from cohorts.models import MilestoneKind, SessionResponse

KINDS = [
    "Racial equity resolution adopted by council",
    "Equity office staffed",
    "Staff trained",
]
REACHED = datetime.date(2018, 6, 12)


def make_kinds(program) -> list[MilestoneKind]:
    return [
        MilestoneKind.objects.create(program=program, name=name, position=n)
        for n, name in enumerate(KINDS)
    ]


def attended(session, user, city, came=True) -> SessionResponse:
    """An attendance row as program staff record it after the session."""
    return SessionResponse.objects.create(
        session=session, user=user, city=city, answer="going", attended=came
    )
