"""The rules the database itself holds (PostgreSQL), and the messages they give."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cohorts.models import City, CohortMembership, ParticipatingCity, Session
from community.models import Board
from tests.factories import CityFactory, CohortFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_city_is_unique_by_name_and_state_whatever_the_case():
    CityFactory(name="Pittsburgh", state="PA", slug="pittsburgh-pa")
    with pytest.raises(IntegrityError), transaction.atomic():
        City.objects.create(name="PITTSBURGH", state="PA", slug="pittsburgh-pa-2")
    # The same name in another state is another city.
    City.objects.create(name="Pittsburgh", state="KS", slug="pittsburgh-ks")


def test_duplicate_city_is_a_clear_validation_error():
    CityFactory(name="Pittsburgh", state="PA", slug="pittsburgh-pa")
    city = City(name="pittsburgh", state="PA", slug="pittsburgh-pa-2")
    with pytest.raises(ValidationError) as error:
        city.full_clean()
    assert "A city with this name and state already exists." in error.value.messages


def test_state_must_be_a_postal_code():
    with pytest.raises(IntegrityError), transaction.atomic():
        City.objects.create(name="Atlantis", state="ZZ", slug="atlantis")


def test_a_city_joins_a_cohort_once_in_the_database():
    cohort = CohortFactory()
    city = CityFactory()
    ParticipatingCity.objects.create(cohort=cohort, city=city)
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipatingCity.objects.create(cohort=cohort, city=city)
    assert cohort.participating_cities.count() == 1


def test_session_cannot_end_before_it_starts():
    start = datetime.datetime(2018, 3, 1, 15, tzinfo=datetime.UTC)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(starts_at=start, ends_at=start - datetime.timedelta(hours=1))


def test_site_visit_needs_a_host_city_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(kind="site_visit", host_city=None)


def test_only_a_coaching_call_is_for_one_city():
    cohort = CohortFactory()
    city = ParticipatingCity.objects.create(cohort=cohort, city=CityFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(cohort=cohort, kind="webinar", for_city=city)
    SessionFactory(cohort=cohort, kind="coaching_call", for_city=city)


def test_session_validation_names_each_problem():
    cohort = CohortFactory()
    other_city = ParticipatingCity.objects.create(
        cohort=CohortFactory(), city=CityFactory()
    )
    start = datetime.datetime(2018, 3, 1, 15, tzinfo=datetime.UTC)
    session = Session(
        cohort=cohort,
        kind="site_visit",
        title="Visit",
        starts_at=start,
        ends_at=start,
        time_zone="Mars/Olympus_Mons",
        for_city=other_city,
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    messages = " ".join(error.value.messages)
    assert "is not a time zone we know" in messages
    assert "Pick one of this cohort's cities." in messages
    assert "A session must end after it starts." in messages
    assert "A site visit needs a host city." in messages


def test_participant_needs_a_city_and_joins_once():
    cohort = CohortFactory()
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CohortMembership.objects.create(cohort=cohort, user=user, role="participant")
    CohortMembership.objects.create(cohort=cohort, user=user, role="coach")
    with pytest.raises(IntegrityError), transaction.atomic():
        CohortMembership.objects.create(cohort=cohort, user=user, role="coach")


def test_a_board_linked_to_a_cohort_is_private():
    cohort = CohortFactory()
    board = cohort.board
    board.visibility = Board.Visibility.MEMBERS
    with pytest.raises(IntegrityError), transaction.atomic():
        board.save()


def test_agenda_is_rendered_once_and_sanitized():
    session = SessionFactory(agenda="**Bring** notes <script>alert(1)</script>")
    session.refresh_from_db()
    assert "<strong>Bring</strong>" in session.agenda_html
    assert "<script" not in session.agenda_html
