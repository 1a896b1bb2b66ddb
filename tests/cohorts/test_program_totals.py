"""A program's public page totals the outcomes of the cities that agreed to be
shown, across its cohorts, and tells nothing of the others."""

import datetime

import pytest

from cohorts.models import Milestone
from tests.cohorts.outcome_helpers import REACHED, attended, make_kinds
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def agree(*cities):
    """As program staff tick the box in the admin (which moves the page's version)."""
    for city in cities:
        city.shows_outcomes = True
        city.save()


def totals_of(client, world) -> str:
    page = client.get(world.cohort.program.get_absolute_url()).text
    return page[page.index('id="totals-heading"') : page.index("</section>")]


@pytest.fixture
def reached(world):
    """Long Beach and Rochester (the 2019 cohort) reached the resolution; only
    Wichita trained its staff and came to sessions in numbers."""
    kinds = make_kinds(world.cohort.program)
    resolution, _office, trained = kinds
    rochester = world.other_cohort.participating_cities.get()
    for city in [world.long_beach, rochester]:
        Milestone.objects.create(city=city, kind=resolution, reached_on=REACHED)
    Milestone.objects.create(city=world.wichita, kind=trained, reached_on=REACHED)
    attended(world.convening, world.participant, world.long_beach)
    for _ in range(3):
        attended(world.convening, UserFactory(), world.wichita)
    attended(world.wichita_call, world.city_lead, world.wichita)
    session = SessionFactory(
        cohort=world.other_cohort,
        starts_at=datetime.datetime(2019, 3, 1, 15, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2019, 3, 1, 16, tzinfo=datetime.UTC),
    )
    attended(session, world.other_participant, rochester)
    return rochester


def test_totals_count_only_the_cities_that_agreed(client, world, reached):
    agree(world.long_beach, reached)  # not Wichita
    text = " ".join(totals_of(client, world).split())
    assert "2 cities reported:" in text
    assert "Racial equity resolution adopted by council: 2 of 2 cities" in text
    assert "Equity office staffed: 0 of 2 cities" in text
    # Wichita trained its staff: it did not agree, so no one reads it here.
    assert "Staff trained: 0 of 2 cities" in text
    # Long Beach: 1 of its 2 sessions; Rochester: 1 of 1. Wichita's 4 are not.
    assert "Sessions attended: 2 of the 3 held for them (67%), 2 attendances" in text
    assert "Only the cities that agreed to share their outcomes are counted" in text
    assert "Wichita" not in text


def test_a_city_that_agrees_later_counts_from_then_on(client, world, reached):
    agree(world.long_beach)
    before = " ".join(totals_of(client, world).split())
    assert "Staff trained: 0 of 1 city" in before
    agree(world.wichita)
    after = " ".join(totals_of(client, world).split())  # a guest's page kept before
    assert "2 cities reported:" in after
    assert "Staff trained: 1 of 2 cities" in after
    assert "Sessions attended: 3 of the 4 held for them (75%), 5 attendances" in after


def test_without_consent_there_are_no_totals(client, world, reached):
    text = totals_of(client, world)
    assert "No city has agreed to share its outcomes yet" in text
    assert "Racial equity resolution" not in text
    assert "Sessions attended" not in text
