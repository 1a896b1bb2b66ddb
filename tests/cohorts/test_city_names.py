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


def test_the_search_follows_every_change_to_a_cohorts_words(client, saint_paul):
    """A cohort's words are kept by the database (cohorts migration 0007): a
    city joining or leaving, a city or a program renamed, the cohort's own
    name and summary each change what finds it at once."""
    cohort = CohortFactory(name="2018 cohort", summary="Cities working together.")

    def found(words: str) -> bool:
        shown = titles(client.get("/search/", {"q": words}), "cohorts")
        return any(title.startswith("2018 cohort · ") for title in shown)

    assert not found("saint paul")
    joined = cohort_city_add(cohort=cohort, city=saint_paul)
    assert found("saint paul")
    assert found("st. paul")

    saint_paul.also_known_as = "Pig's Eye"
    saint_paul.save()
    assert found("pig's eye")
    assert not found("st. paul")

    cohort.program.name = "Racial Equity Leadership Network"
    cohort.program.save()
    assert found("leadership network")

    cohort.summary = "Cities mapping heat islands."
    cohort.save()
    assert found("heat islands")
    assert not found("working together")

    joined.delete()
    assert not found("saint paul")
    assert found("heat islands")
