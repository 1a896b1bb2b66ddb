import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from tests.factories import (
    CohortFactory,
    ResourceFactory,
    SessionFactory,
    UserFactory,
    add_city,
    add_member,
)

UTC = datetime.UTC


@dataclass
class CohortWorld:
    cohort: object
    other_cohort: object
    long_beach: object
    wichita: object
    participant: object  # Long Beach
    city_lead: object  # Wichita
    coach: object
    outsider: object  # a member in no cohort
    other_participant: object  # in another cohort
    staff: object  # the Program staff group, in no cohort
    convening: object
    long_beach_call: object
    wichita_call: object


def make_program_staff(username="programstaff"):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name="Program staff"))
    return user


def _sessions(cohort, long_beach, wichita):
    """The cohort's convening (with a material) and its two cities' coaching calls."""
    material = ResourceFactory(title="Racial Equity Resolution", slug="resolution")
    convening = SessionFactory(
        cohort=cohort,
        kind="convening",
        title="Cross-site convening",
        location="Grand Hall, 101 Secret Street",
        online_url="https://meet.example.org/secret-room",
        agenda="1. Welcome\n2. **Private agenda item**",
        starts_at=datetime.datetime(2018, 2, 27, 14, tzinfo=UTC),
        ends_at=datetime.datetime(2018, 2, 28, 21, tzinfo=UTC),
    )
    convening.materials.add(material)
    long_beach_call = SessionFactory(
        cohort=cohort,
        kind="coaching_call",
        title="Coaching call: Long Beach",
        for_city=long_beach,
        time_zone="America/Los_Angeles",
    )
    wichita_call = SessionFactory(
        cohort=cohort,
        kind="coaching_call",
        title="Coaching call: Wichita",
        for_city=wichita,
        time_zone="America/Chicago",
    )
    return convening, long_beach_call, wichita_call


@pytest.fixture
def world(db) -> CohortWorld:
    cohort = CohortFactory(name="2018 cohort", slug="2018")
    other = CohortFactory(program=cohort.program, name="2019 cohort", slug="2019")
    long_beach = add_city(cohort, "Long Beach", "CA", "America/Los_Angeles")
    wichita = add_city(cohort, "Wichita", "KS")
    add_city(other, "Rochester", "NY", "America/New_York")
    participant = UserFactory(username="maria", profile__display_name="Maria Lopez")
    city_lead = UserFactory(username="james", profile__display_name="James Carter")
    coach = UserFactory(username="coach", profile__display_name="Robin Hayes")
    other_participant = UserFactory(username="rochester")
    add_member(cohort, participant, city=long_beach)
    add_member(cohort, city_lead, role="city_lead", city=wichita)
    add_member(cohort, coach, role="coach")
    add_member(other, other_participant, city=other.participating_cities.get())
    convening, long_beach_call, wichita_call = _sessions(cohort, long_beach, wichita)
    return CohortWorld(
        cohort=cohort,
        other_cohort=other,
        long_beach=long_beach,
        wichita=wichita,
        participant=participant,
        city_lead=city_lead,
        coach=coach,
        outsider=UserFactory(username="outsider"),
        other_participant=other_participant,
        staff=make_program_staff(),
        convening=convening,
        long_beach_call=long_beach_call,
        wichita_call=wichita_call,
    )
