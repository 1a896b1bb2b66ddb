"""The 2018 cohort of the NLC press release of February 2018 (part of seed_demo).

The release names the cities and the kinds of session, and dates nothing but the
start ("beginning in early February"). So every session is marked illustrative and
says so on its page, with no place; a session's materials are never dated after it;
each city's action plan is an example of its own, marked as such.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from cohorts.importing import parse_city_line
from cohorts.models import Cohort, ParticipatingCity, Program, Session
from cohorts.seed.plans import ILLUSTRATIVE_ITEM, PLANS_2018, plans_ensure
from cohorts.seed.program import MEMBERS, at, texts_ensure
from cohorts.services import (
    city_get_or_create,
    cohort_city_add,
    cohort_create,
    membership_add,
    months_after,
    session_save,
)
from resources.models import Resource

COHORT = {"slug": "2018", "name": "2018 cohort", "starts_on": datetime.date(2018, 2, 1)}
# The plain summary, and the Spanish of the cohort's texts.
TEXTS = {
    "name_es": "Cohorte de 2018",
    "in_brief": "In 2018, six cities joined this program for 15 months. Their staff "
    "met, visited each other and got coaching to make city government fair for "
    "residents of every race.",
    "in_brief_es": "En 2018, seis ciudades se unieron a este programa durante 15 "
    "meses. Su personal se reunió, visitó otras ciudades y recibió asesoría para que "
    "el gobierno municipal sea justo con residentes de todas las razas.",
    "summary_es": "Las seis ciudades que la National League of Cities anunció el 12 de "
    "febrero de 2018. El comunicado no da la fecha de ninguna sesión ni nombra ningún "
    "lugar: las fechas, agendas y planes de acción que se muestran aquí son "
    "ilustrativos.",
}
ANNOUNCEMENT = "nlc-selects-six-cities-racial-equity-racial-healing-2018"
SUMMARY = (
    "The six cities the National League of Cities announced on February 12, 2018. "
    "The release dates no session and names no place: the dates, agendas and "
    "action plans shown here are illustrative."
)

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
# The release's name for a city the site knows by its official one.
OTHER_NAMES = {("Saint Paul", "MN"): "St. Paul"}
ILLUSTRATIVE = (
    "*Illustrative: the release names this kind of session but gives no date, "
    "place or agenda. The date and agenda shown are examples.*\n\n"
)


@dataclass
class SeedReport:
    cities_added: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    sessions_added: int = 0
    members_added: int = 0
    current_cohort: str = ""
    current_created: bool = False


def cohort_2018(program: Program, report: SeedReport) -> Cohort:
    cohort = Cohort.objects.filter(program=program, slug=COHORT["slug"]).first()
    if cohort is None:
        starts_on = COHORT["starts_on"]
        cohort = cohort_create(
            cohort=Cohort(
                program=program,
                ends_on=months_after(starts_on, program.length_months)
                - datetime.timedelta(1),
                state=Cohort.State.COMPLETED,
                announcement=Resource.objects.filter(slug=ANNOUNCEMENT).first(),
                summary=SUMMARY,
                **COHORT,
                **TEXTS,
            )
        )
    texts_ensure(cohort, TEXTS)
    _cities(cohort, report)
    _sessions(cohort, report)
    plans_ensure(cohort, PLANS_2018, note=ILLUSTRATIVE_ITEM)
    report.members_added += members_ensure(cohort)
    return cohort


def _cities(cohort: Cohort, report: SeedReport) -> None:
    """Through the same path as the admin and the import: a repeat is refused."""
    earlier = set(cohort.participating_cities.values_list("city_id", flat=True))
    for line in RELEASE_CITY_LINES:
        name, state = parse_city_line(line)
        city = city_get_or_create(
            name=name,
            state=state,
            time_zone=CITY_TIME_ZONES.get((name, state), ""),
            also_known_as=OTHER_NAMES.get((name, state), ""),
        )
        if not city.also_known_as and (name, state) in OTHER_NAMES:
            # A city an earlier seed made before cities had other names.
            city.also_known_as = OTHER_NAMES[(name, state)]
            city.save(update_fields=["also_known_as"])
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
        p.city.name: p
        for p in ParticipatingCity.objects.filter(cohort=cohort).select_related("city")
    }
    materials = {r.slug: r for r in Resource.objects.published()}

    def add(kind, title, start, end, tz, agenda, material_slugs=(), **extra):
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
    """The sessions for every city: the convening, the webinars, the academy.
    Materials: only what existed by then (the release) or is undated."""
    east = "America/New_York"
    add(
        Session.Kind.CONVENING,
        "Cross-site convening",
        at(datetime.date(2018, 2, 27), 9, 0, east),
        at(datetime.date(2018, 2, 28), 16, 0, east),
        east,
        "1. Welcome from the REAL team\n2. Each city's starting point\n"
        "3. Truth, racial healing and transformation: what it asks of city leaders",
        (ANNOUNCEMENT, "racial-equity-resolution"),
    )
    add(
        Session.Kind.WEBINAR,
        "Webinar: Identifying the impacts of institutional racism",
        at(datetime.date(2018, 10, 10), 14, 0, east),
        at(datetime.date(2018, 10, 10), 15, 30, east),
        east,
        "Where a city's policies and practices reproduce institutional racism, and "
        "how to take action to address it.",
        ("racial-equity-resolution",),
    )
    add(
        Session.Kind.ACADEMY,
        "Mayors' leadership academy",
        at(datetime.date(2018, 11, 7), 9, 0, east),
        at(datetime.date(2018, 11, 8), 15, 0, east),
        east,
        "For the mayors of the six cities: leading on racial equity and racial healing.",
        ("city-leaders-compass-my-brothers-keeper",),
    )
    add(
        Session.Kind.WEBINAR,
        "Webinar: Normalizing the dialogue of governing for racial equity",
        at(datetime.date(2019, 2, 13), 14, 0, east),
        at(datetime.date(2019, 2, 13), 15, 30, east),
        east,
        "How cities talk about race with staff and residents.",
        ("racial-equity-resolution",),
    )


def _city_sessions(add, cities: dict) -> None:
    """A site visit to each host city and a coaching call with each city."""
    visits = [
        ("Charlotte", datetime.date(2018, 4, 17)),
        ("Long Beach", datetime.date(2018, 5, 15)),
        ("Pittsburgh", datetime.date(2018, 6, 12)),
        ("Rochester", datetime.date(2018, 7, 17)),
        ("Saint Paul", datetime.date(2018, 8, 14)),
        ("Wichita", datetime.date(2018, 9, 18)),
    ]
    for name, day in visits:
        host = cities.get(name)
        if host is None:
            continue
        tz = host.city.time_zone
        add(
            Session.Kind.SITE_VISIT,
            f"Site visit: {host.city.name}",
            at(day, 9, 0, tz),
            at(day, 16, 30, tz),
            tz,
            "Meetings with city staff and community partners; a dialogue on the "
            "city's racial equity priorities.",
            host_city=host,
        )
    for name, day in zip(cities, [3, 6, 10, 13, 20, 24], strict=False):
        city = cities[name]
        tz = city.city.time_zone
        add(
            Session.Kind.COACHING_CALL,
            f"Coaching call: {city.city.name}",
            at(datetime.date(2018, 3, day), 11, 0, tz),
            at(datetime.date(2018, 3, day), 12, 0, tz),
            tz,
            "Tailored coaching: the city's action plan and its next steps.",
            for_city=city,
        )


def members_ensure(cohort: Cohort) -> int:
    """The demo people in the cohort (those whose accounts exist); how many added."""
    handles = [handle for handle, _, _ in MEMBERS]
    users = get_user_model().objects.in_bulk(handles, field_name="username")
    taken = set(cohort.memberships.values_list("user__username", flat=True))
    cities = {
        p.city.name: p
        for p in ParticipatingCity.objects.filter(cohort=cohort).select_related("city")
    }
    added = 0
    for handle, role, city_name in MEMBERS:
        if handle not in users or handle in taken:
            continue
        city = cities.get(city_name) if city_name else None
        if city_name and city is None:
            continue  # a participant needs their city in the cohort
        membership_add(cohort=cohort, user=users[handle], role=role, city=city)
        added += 1
    return added
