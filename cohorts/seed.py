"""The cohort program of the NLC press release of February 2018 (part of seed_demo).

The release dates nothing but the start ("beginning in early February"), so every
session is marked illustrative; the action plan items restate the goals the release
names for each city and are marked illustrative too.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from cohorts.importing import parse_city_line
from cohorts.models import (
    ActionPlanItem,
    Cohort,
    CohortMembership,
    ParticipatingCity,
    Program,
    Session,
)
from cohorts.services import (
    city_get_or_create,
    cohort_city_add,
    cohort_create,
    membership_add,
    months_after,
    session_save,
)
from resources.models import Organization, Resource

PROGRAM = {
    "slug": "racial-equity-racial-healing",
    "name": "Cities for Racial Equity and Racial Healing Technical Assistance Initiative",
    "short_name": "Racial Equity and Racial Healing TA",
    "length_months": 15,
    "purpose": "A technical assistance program of the National League of Cities' Race, "
    "Equity and Leadership (REAL) initiative that gives city leaders the strategies they "
    "need to advance racial equity and racial healing in their communities.\n\n"
    "It helps city leaders identify the impacts of institutional racism within their "
    "communities' policies and practices, and take action to address it. Cities explore "
    "ways of engaging both the community and city staff, through dialogues, trainings "
    "and other activities, with the end goal of understanding and facilitating racial "
    "healing and reconciliation.",
    "benefits": "A cross-site convening with the other cities of the cohort\n"
    "Site visits by the REAL team\n"
    "A mayors' leadership academy\n"
    "Coaching calls and webinars with REAL team members throughout the initiative\n"
    "Tailored coaching for each city: building relationships with the communities most "
    "impacted by racial inequity, creating structures that intentionally address "
    "structural racism, and normalizing the dialogue of governing for racial equity",
}
COHORT = {"slug": "2018", "name": "2018 cohort", "starts_on": datetime.date(2018, 2, 1)}
ANNOUNCEMENT = "nlc-selects-six-cities-racial-equity-racial-healing-2018"

# As the release lists them: seven lines for six cities (Pittsburgh twice).
RELEASE_CITY_LINES = [
    "Charlotte, N.C",
    "Long Beach, Calif.",
    "Pittsburgh, Penn.",
    "Rochester, N.Y.",
    "St. Paul, Minn.",
    "Pittsburgh, Penn.",
    "Wichita, Kan.",
]
CITY_TIME_ZONES = {
    ("Charlotte", "NC"): "America/New_York",
    ("Long Beach", "CA"): "America/Los_Angeles",
    ("Pittsburgh", "PA"): "America/New_York",
    ("Rochester", "NY"): "America/New_York",
    ("Saint Paul", "MN"): "America/Chicago",
    ("Wichita", "KS"): "America/Chicago",
}
ILLUSTRATIVE = (
    "*The release gives no date for this session: the date shown is illustrative.*\n\n"
)
PLAN_GOALS = [
    ("Map where city policies and practices reproduce institutional racism", "done"),
    (
        "Build relationships with the communities most impacted by racial inequity",
        "in_progress",
    ),
    (
        "Create a structure that intentionally addresses structural racism",
        "in_progress",
    ),
    (
        "Normalize the dialogue of governing for racial equity with city staff",
        "not_started",
    ),
]
MEMBERS = [
    # (handle, role, city)
    ("maria", CohortMembership.Role.PARTICIPANT, ("Long Beach", "CA")),
    ("james", CohortMembership.Role.CITY_LEAD, ("Wichita", "KS")),
    ("coach", CohortMembership.Role.COACH, None),
    ("programstaff", CohortMembership.Role.PROGRAM_STAFF, None),
]


@dataclass
class SeedReport:
    cities_added: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    sessions_added: int = 0
    members_added: int = 0


def _at(day: datetime.date, hour: int, minute: int, tz: str) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=ZoneInfo(tz)
    )


def _program() -> Program:
    program = Program.objects.filter(slug=PROGRAM["slug"]).first()
    if program:
        return program
    program = Program(organization=Organization.objects.get(slug="nlc-real"), **PROGRAM)
    program.full_clean()
    program.save()
    program.partners.set(Organization.objects.filter(slug="nlc"))
    program.funders.set(Organization.objects.filter(slug="wkkf"))
    return program


def _cohort(program: Program) -> Cohort:
    cohort = Cohort.objects.filter(program=program, slug=COHORT["slug"]).first()
    if cohort:
        return cohort
    starts_on = COHORT["starts_on"]
    ends_on = months_after(starts_on, program.length_months) - datetime.timedelta(1)
    return cohort_create(
        cohort=Cohort(
            program=program,
            ends_on=ends_on,
            state=Cohort.State.COMPLETED,
            announcement=Resource.objects.filter(slug=ANNOUNCEMENT).first(),
            summary="Six cities selected in February 2018 for the first cohort.",
            **COHORT,
        )
    )


def _cities(cohort: Cohort, report: SeedReport) -> None:
    """Through the same path as the admin and the import: a repeat is refused."""
    earlier = set(cohort.participating_cities.values_list("city_id", flat=True))
    for line in RELEASE_CITY_LINES:
        name, state = parse_city_line(line)
        city = city_get_or_create(
            name=name, state=state, time_zone=CITY_TIME_ZONES.get((name, state), "")
        )
        if city.pk in earlier:
            continue  # added by an earlier run of seed_demo
        try:
            cohort_city_add(cohort=cohort, city=city)
        except ValidationError as error:
            report.refused.append(f"“{line}”: {' '.join(error.messages)}")
        else:
            report.cities_added.append(str(city))


def _sessions(cohort: Cohort, report: SeedReport) -> None:
    if cohort.sessions.exists():
        return
    cities = {
        (p.city.name, p.city.state): p
        for p in ParticipatingCity.objects.filter(cohort=cohort).select_related("city")
    }
    materials = {r.slug: r for r in Resource.objects.published()}

    def add(kind, title, start, end, tz, agenda="", material_slugs=(), **extra):
        session = Session(
            cohort=cohort,
            kind=kind,
            title=title,
            starts_at=start,
            ends_at=end,
            time_zone=tz,
            is_illustrative=True,
            agenda=ILLUSTRATIVE + agenda,
            **extra,
        )
        session_save(
            session=session,
            materials=[materials[s] for s in material_slugs if s in materials],
        )
        report.sessions_added += 1

    _program_sessions(add)
    _city_sessions(add, cities)


def _program_sessions(add) -> None:
    """The sessions for every city: the convening, the webinars, the academy."""
    east = "America/New_York"
    add(
        Session.Kind.CONVENING,
        "Cross-site convening",
        _at(datetime.date(2018, 2, 27), 9, 0, east),
        _at(datetime.date(2018, 2, 28), 16, 0, east),
        east,
        "1. Welcome from the REAL team\n2. Each city's starting point\n"
        "3. Truth, racial healing and transformation: what it asks of city leaders",
        ("racial-equity-resolution", "advancing-racial-equity-an-introduction"),
        location="Washington, DC",
    )
    add(
        Session.Kind.WEBINAR,
        "Webinar: Advancing racial equity, an introduction",
        _at(datetime.date(2018, 10, 10), 14, 0, east),
        _at(datetime.date(2018, 10, 10), 15, 30, east),
        east,
        "Shared language for racial equity work in city government.",
        ("advancing-racial-equity-an-introduction",),
        location="Online",
    )
    add(
        Session.Kind.ACADEMY,
        "Mayors' leadership academy",
        _at(datetime.date(2018, 11, 7), 9, 0, east),
        _at(datetime.date(2018, 11, 8), 15, 0, east),
        east,
        "For the mayors of the six cities: leading on racial equity and racial healing.",
        ("city-leaders-compass-my-brothers-keeper",),
        location="Washington, DC",
    )
    add(
        Session.Kind.WEBINAR,
        "Webinar: Normalizing the dialogue of governing for racial equity",
        _at(datetime.date(2019, 2, 13), 14, 0, east),
        _at(datetime.date(2019, 2, 13), 15, 30, east),
        east,
        "How cities talk about race with staff and residents.",
        ("advancing-racial-equity-a-discussion", "racial-equity-resolution"),
        location="Online",
    )


def _city_sessions(add, cities: dict) -> None:
    """A site visit to each host city and a coaching call with each city."""
    visits = [
        (("Charlotte", "NC"), datetime.date(2018, 4, 17)),
        (("Long Beach", "CA"), datetime.date(2018, 5, 15)),
        (("Pittsburgh", "PA"), datetime.date(2018, 6, 12)),
        (("Rochester", "NY"), datetime.date(2018, 7, 17)),
        (("Saint Paul", "MN"), datetime.date(2018, 8, 14)),
        (("Wichita", "KS"), datetime.date(2018, 9, 18)),
    ]
    for key, day in visits:
        host = cities.get(key)
        if host is None:
            continue
        tz = host.city.time_zone
        add(
            Session.Kind.SITE_VISIT,
            f"Site visit: {host.city.name}",
            _at(day, 9, 0, tz),
            _at(day, 16, 30, tz),
            tz,
            "Meetings with city staff and community partners; a dialogue on the "
            "city's racial equity priorities.",
            host_city=host,
            location=f"City Hall, {host.city}",
        )
    for key, day in zip(cities, [3, 6, 10, 13, 20, 24], strict=False):
        city = cities[key]
        tz = city.city.time_zone
        add(
            Session.Kind.COACHING_CALL,
            f"Coaching call: {city.city.name}",
            _at(datetime.date(2018, 3, day), 11, 0, tz),
            _at(datetime.date(2018, 3, day), 12, 0, tz),
            tz,
            "Tailored coaching: the city's action plan and its next steps.",
            for_city=city,
            location="Video call (the coach sends the link)",
        )


def _plans(cohort: Cohort) -> None:
    for city in ParticipatingCity.objects.filter(cohort=cohort, plan_items=None):
        ActionPlanItem.objects.bulk_create(
            ActionPlanItem(
                city=city,
                title=title,
                owner="City racial equity team",
                due_on=datetime.date(2019, 4, 30),
                status=status,
                notes="Illustrative: a goal the release names for every city.",
                position=n,
            )
            for n, (title, status) in enumerate(PLAN_GOALS)
        )


def _members(cohort: Cohort, report: SeedReport) -> None:
    users = get_user_model().objects.in_bulk(
        [handle for handle, _, _ in MEMBERS], field_name="username"
    )
    taken = set(cohort.memberships.values_list("user__username", flat=True))
    for handle, role, city_key in MEMBERS:
        if handle not in users or handle in taken:
            continue
        city = None
        if city_key:
            city = ParticipatingCity.objects.filter(
                cohort=cohort, city__name=city_key[0], city__state=city_key[1]
            ).first()
        membership_add(cohort=cohort, user=users[handle], role=role, city=city)
        report.members_added += 1


@transaction.atomic
def seed_program() -> SeedReport:
    """Load the program, its 2018 cohort, cities, sessions, plans and demo people."""
    report = SeedReport()
    cohort = _cohort(_program())
    _cities(cohort, report)
    _sessions(cohort, report)
    _plans(cohort)
    _members(cohort, report)
    return report
