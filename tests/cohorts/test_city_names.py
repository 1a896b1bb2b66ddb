"""A city known by two names ("Saint Paul", "St. Paul") is one city, found by either."""

import pytest

from cohorts.services import city_get_or_create, cohort_city_add
from tests.factories import CohortFactory
from tests.search_helpers import titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def saint_paul():
    return city_get_or_create(
        name="Saint Paul",
        state="MN",
        time_zone="America/Chicago",
        also_known_as="St.  Paul",
    )


def test_the_other_name_is_kept_tidy(saint_paul):
    assert saint_paul.also_known_as == "St. Paul"


def test_the_other_name_finds_the_same_city(saint_paul):
    assert city_get_or_create(name="st. paul", state="mn") == saint_paul
    assert city_get_or_create(name="SAINT PAUL", state="MN") == saint_paul


def test_the_other_name_in_another_state_is_another_city(saint_paul):
    other = city_get_or_create(name="St. Paul", state="AR")
    assert other != saint_paul
    assert (other.name, other.state) == ("St. Paul", "AR")


@pytest.mark.parametrize("words", ["St. Paul", "Saint Paul", "saint paul"])
def test_the_site_search_finds_the_cohort_by_either_name(client, saint_paul, words):
    cohort = CohortFactory(name="2018 cohort", summary="Cities working together.")
    cohort_city_add(cohort=cohort, city=saint_paul)
    CohortFactory(name="Another cohort", summary="Cities working together.")
    response = client.get("/search/", {"q": words})
    assert titles(response, "cohorts") == [f"2018 cohort · {cohort.program.label}"]


def test_the_cohort_page_shows_the_other_name(client, saint_paul):
    cohort = CohortFactory()
    cohort_city_add(cohort=cohort, city=saint_paul)
    page = client.get(cohort.get_absolute_url()).content.decode()
    assert "Saint Paul, <abbr" in page
    assert "(also St. Paul)" in page
