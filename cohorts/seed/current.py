"""An illustrative cohort running now (part of seed_demo), so that a fresh demo shows
upcoming sessions, reminders, answers, attendance and milestones beside the
historical 2018 cohort. Nothing in it is real, and its summary, agendas, places,
plans and milestones say so where they are shown.

Its dates are computed from the day seed_demo first creates it (it began three
weeks before; a webinar the next week, coaching calls, a convening two months
on...), then fixed: a later run finds it by its summary and adds only what is
missing, never moving or repeating it. To get one with fresh dates, delete the
cohort in the admin and run seed_demo again.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cohorts.models import Cohort, ParticipatingCity, Program, Session
from cohorts.seed.program import at, texts_ensure
from cohorts.services import (
    city_get_or_create,
    cohort_city_add,
    cohort_create,
    months_after,
    session_save,
)
from resources.models import Resource

DEMO_MARK = "Illustrative demo cohort"
SUMMARY = (
    f"{DEMO_MARK}: not a real cohort of the program. Its cities, people, dates, "
    "answers, plans and milestones are made up to show how the site works; Long "
    "Beach and Wichita are real cities named here only as examples."
)
# The plain summary, and the Spanish of the cohort's texts (its name, with its
# year, is given where it is made).
TEXTS = {
    "in_brief": "This is a made-up group of cities that shows how the program works "
    "on this site. Its people, dates and results are examples, not real events.",
    "in_brief_es": "Este es un grupo de ciudades inventado que muestra cómo funciona "
    "el programa en este sitio. Sus personas, fechas y resultados son ejemplos, no "
    "hechos reales.",
    "summary_es": "Cohorte ilustrativa de demostración: no es una cohorte real del "
    "programa. Sus ciudades, personas, fechas, respuestas, planes e hitos son "
    "inventados para mostrar cómo funciona el sitio; Long Beach y Wichita son "
    "ciudades reales que se nombran aquí solo como ejemplos.",
}
STARTED_DAYS_AGO = 21
ILLUSTRATIVE = (
    "*Illustrative demo session: its date, place and agenda are made up to show "
    "how the site works.*\n\n"
)
# (name, state, time zone, agreed to show its outcomes). Only the made-up cities
# count in public totals, so no real city is shown reaching a made-up milestone.
CITIES = [
    ("Long Beach", "CA", "America/Los_Angeles", False),
    ("Wichita", "KS", "America/Chicago", False),
    ("Millbrook (demo)", "GA", "America/New_York", True),
    ("Riverbend (demo)", "OR", "America/Los_Angeles", True),
]
PROGRAM_TZ = "America/Chicago"


@dataclass(frozen=True)
class DemoSession:
    days: int  # from the day the cohort was created (negative: before it)
    kind: str
    title: str
    hour: int
    minutes: int
    city: str = ""  # the host of a site visit, or the city of a coaching call
    days_long: int = 0
    place: str = ""
    agenda: str = ""
    materials: tuple[str, ...] = ()
    cancelled: bool = False


K = Session.Kind
ONLINE = "Online (illustrative)"
SESSIONS = [
    DemoSession(-19, K.WEBINAR, "Kickoff webinar", 13, 90, place=ONLINE,
                agenda="Meet the cohort; the fifteen months ahead.",
                materials=("advancing-racial-equity-an-introduction",)),
    DemoSession(-5, K.COACHING_CALL, "Coaching call: Long Beach", 10, 60,
                city="Long Beach", place="Video call (illustrative)",
                agenda="The city's starting point and its first plan items."),
    DemoSession(7, K.WEBINAR, "Webinar: Talking about race with city staff", 13, 90,
                place=ONLINE,
                agenda="Normalizing the dialogue of governing for racial equity.",
                materials=("advancing-racial-equity-a-discussion",)),
    DemoSession(10, K.COACHING_CALL, "Coaching call: Wichita", 11, 60,
                city="Wichita", place="Video call (illustrative)",
                agenda="Preparing the council study session."),
    DemoSession(12, K.COACHING_CALL, "Coaching call: Riverbend (demo)", 10, 60,
                city="Riverbend (demo)", place="Video call (illustrative)"),
    DemoSession(21, K.WEBINAR, "Webinar: Budgeting with a racial equity lens", 13,
                60, place=ONLINE, cancelled=True,
                agenda="Cancelled: moved into the cross-site convening."),
    DemoSession(60, K.CONVENING, "Cross-site convening", 9, 7 * 60, days_long=1,
                place="To be announced (illustrative)",
                agenda="1. Each city's progress\n2. Peer exchange on action plans\n"
                "3. Racial healing: community dialogues",
                materials=("racial-equity-resolution",
                           "city-leaders-compass-my-brothers-keeper")),
    DemoSession(100, K.SITE_VISIT, "Site visit: Long Beach", 9, 7 * 60 + 30,
                city="Long Beach",
                agenda="Meetings with city staff and community partners."),
    DemoSession(150, K.ACADEMY, "Mayors' leadership academy", 9, 6 * 60,
                days_long=1, place="To be announced (illustrative)",
                agenda="For the mayors of the cohort's cities."),
]  # fmt: skip


def current_cohort(program: Program, *, today: datetime.date | None = None):
    """The illustrative cohort, made once; (cohort, whether it was made now)."""
    cohort = Cohort.objects.filter(
        program=program, summary__startswith=DEMO_MARK
    ).first()
    if cohort is not None:
        texts_ensure(cohort, TEXTS | {"name_es": _name_es(cohort.starts_on)})
        return cohort, False
    starts_on = (today or timezone.localdate()) - datetime.timedelta(STARTED_DAYS_AGO)
    slug = str(starts_on.year)
    if Cohort.objects.filter(program=program, slug=slug).exists():
        slug = f"{slug}-demo"
    cohort = cohort_create(
        cohort=Cohort(
            program=program,
            name=f"{starts_on.year} cohort",
            name_es=_name_es(starts_on),
            slug=slug,
            starts_on=starts_on,
            ends_on=months_after(starts_on, program.length_months)
            - datetime.timedelta(1),
            state=Cohort.State.ACTIVE,
            summary=SUMMARY,
            **TEXTS,
        )
    )
    return cohort, True


def _name_es(starts_on: datetime.date) -> str:
    return f"Cohorte de {starts_on.year}"


def cities_ensure(cohort: Cohort) -> dict[str, ParticipatingCity]:
    taken = {p.city_id: p for p in cohort.participating_cities.all()}
    cities = {}
    for name, state, tz, shows_outcomes in CITIES:
        city = city_get_or_create(name=name, state=state, time_zone=tz)
        participation = taken.get(city.pk)
        if participation is None:
            participation = cohort_city_add(cohort=cohort, city=city)
            participation.shows_outcomes = shows_outcomes
            participation.joined_on = cohort.starts_on
            participation.full_clean()
            participation.save(update_fields=["shows_outcomes", "joined_on"])
        participation.city = city
        cities[name] = participation
    return cities


def sessions_ensure(cohort: Cohort, cities: dict[str, ParticipatingCity]) -> int:
    if cohort.sessions.exists():
        return 0
    created_on = cohort.starts_on + datetime.timedelta(STARTED_DAYS_AGO)
    materials = {r.slug: r for r in Resource.objects.published()}
    for spec in SESSIONS:
        city = cities.get(spec.city)
        tz = city.city.time_zone if city else PROGRAM_TZ
        starts_at = at(created_on + datetime.timedelta(spec.days), spec.hour, 0, tz)
        ends_at = starts_at + datetime.timedelta(
            days=spec.days_long, minutes=spec.minutes
        )
        session = Session(
            cohort=cohort,
            kind=spec.kind,
            title=spec.title,
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=tz,
            is_illustrative=True,
            cancelled=spec.cancelled,
            location=spec.place,
            agenda=ILLUSTRATIVE + spec.agenda,
            host_city=city if spec.kind == K.SITE_VISIT else None,
            for_city=city if spec.kind == K.COACHING_CALL else None,
        )
        session_save(
            session=session,
            materials=[materials[s] for s in spec.materials if s in materials],
        )
    return len(SESSIONS)
