"""The program of the NLC press release of February 2018, and what its cohorts share:
the demo people, the kinds of milestone, the way a time is written."""

import datetime
from zoneinfo import ZoneInfo

from cohorts.models import CohortMembership, MilestoneKind, Program
from resources.models import Organization

PROGRAM = {
    "slug": "racial-equity-racial-healing",
    "name": "Cities for Racial Equity and Racial Healing Technical Assistance Initiative",
    "name_es": "Iniciativa de Asistencia Técnica Ciudades por la Equidad Racial y la "
    "Sanación Racial",
    "short_name": "Racial Equity and Racial Healing TA",
    "short_name_es": "AT en Equidad y Sanación Racial",
    "length_months": 15,
    "in_brief": "The National League of Cities helps a few cities at a time work on "
    "racial equity for 15 months. City staff learn with experts and with each other "
    "how to change rules and habits that treat residents unfairly because of race.",
    "in_brief_es": "La Liga Nacional de Ciudades ayuda a unas pocas ciudades a la vez "
    "a trabajar por la equidad racial durante 15 meses. El personal municipal aprende "
    "con especialistas y con otras ciudades a cambiar normas y costumbres que tratan "
    "de forma injusta a la población por su raza.",
    "purpose": "A technical assistance program of the National League of Cities' Race, "
    "Equity and Leadership (REAL) initiative that gives city leaders the strategies they "
    "need to advance racial equity and racial healing in their communities.\n\n"
    "It helps city leaders identify the impacts of institutional racism within their "
    "communities' policies and practices, and take action to address it. Cities explore "
    "ways of engaging both the community and city staff, through dialogues, trainings "
    "and other activities, with the end goal of understanding and facilitating racial "
    "healing and reconciliation.",
    "purpose_es": "Un programa de asistencia técnica de la iniciativa Race, Equity and "
    "Leadership (REAL) de la National League of Cities que da a los líderes "
    "municipales las estrategias que necesitan para avanzar en la equidad racial y la "
    "sanación racial en sus comunidades.\n\n"
    "Ayuda a los líderes municipales a identificar los efectos del racismo "
    "institucional en las políticas y prácticas de sus comunidades, y a tomar medidas "
    "para enfrentarlo. Las ciudades buscan maneras de involucrar tanto a la comunidad "
    "como al personal municipal, mediante diálogos, capacitaciones y otras "
    "actividades, con el fin de comprender y facilitar la sanación racial y la "
    "reconciliación.",
    "benefits": "A cross-site convening with the other cities of the cohort\n"
    "Site visits by the REAL team\n"
    "A mayors' leadership academy\n"
    "Coaching calls and webinars with REAL team members throughout the initiative\n"
    "Tailored coaching for each city: building relationships with the communities most "
    "impacted by racial inequity, creating structures that intentionally address "
    "structural racism, and normalizing the dialogue of governing for racial equity",
    "benefits_es": "Un encuentro entre ciudades con las demás ciudades de la cohorte\n"
    "Visitas a las ciudades del equipo de REAL\n"
    "Una academia de liderazgo para alcaldes y alcaldesas\n"
    "Llamadas de asesoría y seminarios web con integrantes del equipo de REAL durante "
    "toda la iniciativa\n"
    "Asesoría adaptada a cada ciudad: construir relaciones con las comunidades más "
    "afectadas por la inequidad racial, crear estructuras que enfrenten de manera "
    "intencional el racismo estructural y normalizar el diálogo sobre cómo gobernar "
    "para la equidad racial",
}

# The demo accounts (community/seed.py) in a cohort: (handle, role, city name).
# Maria works for Long Beach and James for Wichita in both cohorts.
MEMBERS = [
    ("maria", CohortMembership.Role.PARTICIPANT, "Long Beach"),
    ("james", CohortMembership.Role.CITY_LEAD, "Wichita"),
    ("coach", CohortMembership.Role.COACH, None),
    ("programstaff", CohortMembership.Role.PROGRAM_STAFF, None),
]

# What program staff record a city reaching. The release names no outcome, so the
# 2018 cohort has none; the kinds restate aims the release and the library name,
# and only the illustrative current cohort reaches them.
MILESTONE_KINDS = [
    (
        "Racial equity resolution adopted by council",
        "The council adopts a resolution committing the city to racial equity (see "
        "the library's Racial Equity Resolution template).",
        "Resolución de equidad racial aprobada por el concejo",
    ),
    (
        "Equity office staffed",
        "A structure that intentionally addresses structural racism: an office or "
        "team with staff of its own.",
        "Oficina de equidad con personal propio",
    ),
    (
        "Staff trained",
        "City staff trained in governing for racial equity.",
        "Personal municipal capacitado",
    ),
    (
        "Community dialogue held",
        "A dialogue with the communities most impacted by racial inequity.",
        "Diálogo con la comunidad realizado",
    ),
    (
        "Racial equity action plan adopted",
        "The city adopts its own plan of action for racial equity.",
        "Plan de acción para la equidad racial adoptado",
    ),
]


def at(day: datetime.date, hour: int, minute: int, tz: str) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=ZoneInfo(tz)
    )


# What a program seeded before these fields existed gets.
ENSURED = ["in_brief", "in_brief_es", "name_es", "short_name_es", "purpose_es",
           "benefits_es"]  # fmt: skip


def texts_ensure(row, values: dict) -> None:
    """Fill the texts a database seeded before they existed lacks (the plain
    summary, the Spanish): the values, never over a curator's."""
    missing = [f for f in values if not getattr(row, f)]
    for field in missing:
        setattr(row, field, values[field])
    if missing:
        row.save(update_fields=missing)


def program_ensure() -> Program:
    program = Program.objects.filter(slug=PROGRAM["slug"]).first()
    if program is None:
        program = Program(
            organization=Organization.objects.get(slug="nlc-real"), **PROGRAM
        )
        program.full_clean()
        program.save()
        program.partners.set(Organization.objects.filter(slug="nlc"))
        program.funders.set(Organization.objects.filter(slug="wkkf"))
    texts_ensure(program, {f: PROGRAM[f] for f in ENSURED})
    for position, (name, description, name_es) in enumerate(MILESTONE_KINDS):
        kind, _ = MilestoneKind.objects.get_or_create(
            program=program,
            name=name,
            defaults={"description": description, "position": position},
        )
        texts_ensure(kind, {"name_es": name_es})
    return program
