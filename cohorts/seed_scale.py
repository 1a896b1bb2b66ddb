"""Synthetic cities, programs and cohorts in bulk, for `seed_demo --scale`.

Marked where a reader sees them: program and cohort names say "(synthetic)";
summaries, agendas and plan notes start "[Synthetic]"; slugs start "synthetic-".
The people come from the caller (the community's synthetic members), since this
app may not import community. Idempotent: what exists is left as it is.
"""

import datetime
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify

from cohorts.models import (
    ActionPlanItem,
    City,
    Cohort,
    CohortMembership,
    ParticipatingCity,
    Program,
    Session,
)
from cohorts.models.sessions import details_text
from cohorts.services import cohort_create, months_after
from core.markdown import render_markdown
from resources.models import Organization

PREFIX = "synthetic-"
_PARTS = (
    ["Ash", "Birch", "Cedar", "Clear", "Elm", "Fair", "Glen", "Green", "Harbor",
     "Hazel", "Lake", "Maple", "Mill", "North", "Oak", "Pine", "River", "Rock",
     "Spring", "Willow"],
    ["brook", "dale", "field", "ford", "haven", "port", "ton", "ville", "wood",
     " Falls", " Heights", " Park", " Ridge", " Springs", " Valley"],
)  # fmt: skip
# A fixed order, so city n is the same city at every scale.
CITY_NAMES = [first + second for first in _PARTS[0] for second in _PARTS[1]]
random.Random(2018).shuffle(CITY_NAMES)
STATES = [
    ("OH", "America/New_York"), ("IL", "America/Chicago"),
    ("CA", "America/Los_Angeles"), ("GA", "America/New_York"),
    ("TX", "America/Chicago"), ("WA", "America/Los_Angeles"),
    ("MN", "America/Chicago"), ("NC", "America/New_York"), ("AZ", "America/Phoenix"),
    ("CO", "America/Denver"), ("PA", "America/New_York"), ("MI", "America/Detroit"),
    ("WI", "America/Chicago"), ("OR", "America/Los_Angeles"),
    ("VA", "America/New_York"), ("MO", "America/Chicago"), ("NY", "America/New_York"),
    ("UT", "America/Denver"),
]  # fmt: skip
MAX_CITIES = len(CITY_NAMES)

ORGANIZATION = {
    "slug": "synthetic-equity-practice-network",
    "name": "Equity Practice Network (synthetic)",
    "description": "[Synthetic] A made-up organization that runs the synthetic "
    "programs of the demo data.",
}
PROGRAMS = [
    {
        "slug": "synthetic-equity-fellowship",
        "name": "City Equity Leadership Fellowship (synthetic)",
        "short_name": "Equity Fellowship (synthetic)",
        "length_months": 15,
        "purpose": "[Synthetic] A made-up program of the demo data. Teams of city "
        "leaders work for fifteen months on one racial equity priority of their "
        "city, with coaching and peer exchange.",
        "benefits": "A cross-site convening\nSite visits\nA leadership academy\n"
        "Coaching calls for each city\nWebinars with peers",
    },
    {
        "slug": "synthetic-healing-lab",
        "name": "Community Healing Practice Lab (synthetic)",
        "short_name": "Healing Lab (synthetic)",
        "length_months": 12,
        "purpose": "[Synthetic] A made-up program of the demo data. City staff and "
        "community partners practice racial healing dialogues over a year.",
        "benefits": "A cross-site convening\nCoaching calls\nWebinars",
    },
]
PROGRAM_SLUGS = [program["slug"] for program in PROGRAMS]
CITIES_PER_COHORT = 10
PEOPLE_PER_CITY = 3  # a city lead and two participants
COACHES_PER_COHORT = 2
PLAN = [
    "Adopt a racial equity resolution",
    "Run an equity assessment of one department's budget",
    "Hold listening sessions in the most affected neighborhoods",
    "Publish a first progress report",
]
AGENDAS = {
    Session.Kind.CONVENING: "1. Welcome and introductions\n2. Each city's "
    "starting point\n3. Shared language for racial equity work",
    Session.Kind.COACHING_CALL: "The city's action plan: what moved, what is "
    "stuck, the next two steps.",
    Session.Kind.SITE_VISIT: "Meetings with city staff and community partners; "
    "a walk through the neighborhoods the plan is about.",
    Session.Kind.WEBINAR: "A short talk, then **questions from the cities**.",
    Session.Kind.ACADEMY: "Two days for elected leaders: leading on racial "
    "equity, and keeping it going after the program.",
}


@dataclass(frozen=True)
class SyntheticCity:
    name: str
    state: str
    time_zone: str

    @property
    def slug(self) -> str:
        return f"{PREFIX}{slugify(self.name)}-{self.state.lower()}"


@dataclass
class CohortReport:
    cities: int = 0
    cohorts: int = 0
    sessions: int = 0
    memberships: int = 0
    plan_items: int = 0


def synthetic_city(n: int) -> SyntheticCity:
    state, zone = STATES[n % len(STATES)]
    return SyntheticCity(CITY_NAMES[n], state, zone)


def synthetic_cities(count: int) -> list[SyntheticCity]:
    if count > MAX_CITIES:
        raise ValueError(f"At most {MAX_CITIES} synthetic cities, not {count}.")
    return [synthetic_city(n) for n in range(count)]


def synthetic_cohorts():
    return Cohort.objects.filter(program__slug__in=PROGRAM_SLUGS)


def _cities_ensure(count: int, report: CohortReport) -> list[City]:
    wanted = synthetic_cities(count)
    before = City.objects.filter(slug__startswith=PREFIX).count()
    # A real city of the same name and state is left alone (and not used).
    City.objects.bulk_create(
        [City(name=c.name, state=c.state, slug=c.slug, time_zone=c.time_zone)
         for c in wanted],
        ignore_conflicts=True,
    )  # fmt: skip
    report.cities += City.objects.filter(slug__startswith=PREFIX).count() - before
    by_slug = City.objects.in_bulk([c.slug for c in wanted], field_name="slug")
    return [by_slug[c.slug] for c in wanted if c.slug in by_slug]


def _programs() -> list[Program]:
    organization, _ = Organization.objects.get_or_create(
        slug=ORGANIZATION["slug"],
        defaults={k: v for k, v in ORGANIZATION.items() if k != "slug"},
    )
    return [
        Program.objects.get_or_create(
            slug=data["slug"],
            defaults={k: v for k, v in data.items() if k != "slug"}
            | {"organization": organization},
        )[0]
        for data in PROGRAMS
    ]


def _season(day: datetime.date) -> str:
    return ["Winter", "Spring", "Summer", "Fall"][day.month % 12 // 3]


def _cohort(
    index: int, programs: list[Program], today: datetime.date
) -> tuple[Cohort, bool]:
    """Cohort `index`: the programs take turns; each starts a cohort every six
    months, the newest first (one of them still recruiting)."""
    program = programs[index % len(programs)]
    number = index // len(programs)
    slug = f"cohort-{number + 1:02d}"
    cohort = Cohort.objects.filter(program=program, slug=slug).first()
    if cohort:
        return cohort, False
    anchor = today.replace(day=1)
    starts_on = months_after(anchor, (3 if index % 2 else -2) - 6 * number)
    ends_on = months_after(starts_on, program.length_months) - datetime.timedelta(1)
    if starts_on > today:
        state = Cohort.State.RECRUITING
    elif ends_on >= today:
        state = Cohort.State.ACTIVE
    else:
        state = Cohort.State.COMPLETED
    cohort = Cohort(
        program=program,
        slug=slug,
        name=f"{_season(starts_on)} {starts_on.year} cohort",
        starts_on=starts_on,
        ends_on=ends_on,
        state=state,
        summary="[Synthetic] A made-up cohort of the demo data.",
        in_brief="A made-up group of cities for testing at scale. It is not real.",
    )
    return cohort_create(cohort=cohort), True  # opens its private board too


def _at(day: datetime.date, hour: int, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo(zone))


def _sessions(
    cohort: Cohort,
    cities: list[ParticipatingCity],
    agendas: dict[str, tuple[str, str, str]],
    materials: Sequence[int],
    rng: random.Random,
) -> int:
    start, east, kinds = cohort.starts_on, "America/New_York", Session.Kind
    days = datetime.timedelta

    def session(kind, title, day, hours, zone, length=None, **extra):
        agenda, html, text = agendas[kind]
        return Session(
            cohort=cohort,
            kind=kind,
            title=title,
            starts_at=_at(day, hours[0], zone),
            ends_at=_at(day + (length or days(0)), hours[1], zone),
            time_zone=zone,
            agenda=agenda,
            agenda_html=html,
            details_text=text,
            **extra,
        )

    sessions = [
        session(kinds.CONVENING, "Cross-site convening", start + days(20), (9, 16),
                "America/Chicago", days(1), location="Chicago, IL"),
        *(session(kinds.COACHING_CALL, f"Coaching call: {city.city.name}",
                  start + days(35 + 3 * n), (11, 12), city.city.time_zone,
                  for_city=city, location="Video call")
          for n, city in enumerate(cities)),
        *(session(kinds.SITE_VISIT, f"Site visit: {city.city.name}",
                  start + days(90 + 60 * n), (9, 16), city.city.time_zone,
                  host_city=city, location=f"City Hall, {city.city}")
          for n, city in enumerate(cities[:2])),
        session(kinds.WEBINAR, "Webinar: measuring outcomes, not outputs",
                start + days(120), (14, 15), east, location="Online"),
        session(kinds.WEBINAR, "Webinar: budgeting for equity",
                start + days(270), (14, 15), east, location="Online"),
        session(kinds.ACADEMY, "Leadership academy", start + days(330), (9, 15),
                east, days(1), location="Washington, DC"),
    ]  # fmt: skip
    Session.objects.bulk_create(sessions)
    if materials:
        through = Session.materials.through
        through.objects.bulk_create(
            through(session_id=s.pk, resource_id=pk)
            for s in sessions
            if s.kind in (kinds.CONVENING, kinds.WEBINAR)
            for pk in rng.sample(list(materials), min(2, len(materials)))
        )
    return len(sessions)


def _plans(cohort: Cohort, cities: list[ParticipatingCity]) -> int:
    done = {Cohort.State.COMPLETED: 4, Cohort.State.ACTIVE: 1}.get(cohort.state, 0)
    items = [
        ActionPlanItem(
            city=city,
            title=title,
            owner="Office of Equity and Inclusion",
            due_on=months_after(cohort.starts_on, 3 * (n + 1)),
            status=ActionPlanItem.Status.DONE
            if n < done
            else ActionPlanItem.Status.IN_PROGRESS
            if n == done and cohort.state == Cohort.State.ACTIVE
            else ActionPlanItem.Status.NOT_STARTED,
            notes="[Synthetic] A made-up goal of the demo data.",
            position=n,
        )
        for city in cities
        for n, title in enumerate(PLAN)
    ]
    ActionPlanItem.objects.bulk_create(items)
    return len(items)


def _members(
    cohort: Cohort,
    index: int,
    cities: list[ParticipatingCity],
    people: Mapping[str, Sequence[int]],
    coaches: Sequence[int],
) -> int:
    role = CohortMembership.Role
    rows = [
        CohortMembership(
            cohort=cohort,
            user_id=user_id,
            city=city,
            role=role.CITY_LEAD if n == 0 else role.PARTICIPANT,
        )
        for city in cities
        for n, user_id in enumerate(people.get(city.city.name, ())[:PEOPLE_PER_CITY])
    ]
    if coaches:
        first = index * COACHES_PER_COHORT
        picked = {
            coaches[(first + n) % len(coaches)] for n in range(COACHES_PER_COHORT)
        }
        rows += [
            CohortMembership(cohort=cohort, user_id=pk, role=role.COACH)
            for pk in sorted(picked)
        ]
    CohortMembership.objects.bulk_create(rows)
    return len(rows)


def seed_synthetic_cohorts(
    *,
    cohorts: int,
    cities: int,
    people: Mapping[str, Sequence[int]],
    coaches: Sequence[int] = (),
    materials: Sequence[int] = (),
    today: datetime.date | None = None,
) -> CohortReport:
    """Make sure `cities` synthetic cities and `cohorts` synthetic cohorts exist,
    each with its cities, sessions, plans and people; add only what is missing.

    people: user ids by city name (the first leads the city); coaches: user ids;
    materials: resource ids that sessions may list."""
    report = CohortReport()
    if not cohorts:
        return report
    today = today or timezone.localdate()
    rng = random.Random(cohorts * 1000 + cities)
    all_cities = _cities_ensure(cities, report)
    programs = _programs()
    agendas = {}
    for kind, text in AGENDAS.items():  # as Session.save() would make them
        html = render_markdown(f"[Synthetic] {text}")
        agendas[kind] = (f"[Synthetic] {text}", html, details_text(html, ""))
    per_cohort = max(2, min(CITIES_PER_COHORT, len(all_cities) // cohorts))
    for index in range(cohorts):
        cohort, created = _cohort(index, programs, today)
        report.cohorts += created
        if not cohort.participating_cities.exists() and all_cities:
            ParticipatingCity.objects.bulk_create(
                ParticipatingCity(
                    cohort=cohort,
                    city=all_cities[(index * per_cohort + n) % len(all_cities)],
                    joined_on=cohort.starts_on,
                )
                for n in range(per_cohort)
            )
        joined = list(cohort.participating_cities.select_related("city").order_by("pk"))
        if not cohort.sessions.exists():
            report.sessions += _sessions(cohort, joined, agendas, materials, rng)
        planned = set(
            ActionPlanItem.objects.filter(city__in=joined).values_list(
                "city_id", flat=True
            )
        )
        without_plan = [city for city in joined if city.pk not in planned]
        report.plan_items += _plans(cohort, without_plan)
        if not cohort.memberships.exists():
            report.memberships += _members(cohort, index, joined, people, coaches)
    return report
