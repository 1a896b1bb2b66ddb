"""Dates, times and numbers as each language writes them (config/formats/)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import formats, translation

from community.models import Board
from config.formats.en import formats as english
from config.formats.es import formats as spanish
from tests.client import Client
from tests.factories import (
    BoardFactory,
    CohortFactory,
    SessionFactory,
    UserFactory,
    add_city,
    add_member,
)
from tests.spanish import ENGLISH, SPANISH

pytestmark = pytest.mark.django_db

NAMES = sorted(
    {name for module in (english, spanish) for name in dir(module) if name.isupper()}
)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", [n for n in NAMES if n.endswith("_FORMAT")])
def test_every_format_a_page_asks_for_is_known_in_both_languages(language, name):
    """A name a language lacks would be read as a format itself: "DATE_FORMAT"
    written out letter by letter."""
    assert formats.get_format(name, lang=language) != name


@pytest.fixture
def cohort_with_a_session():
    cohort = CohortFactory(
        name="Winter cohort",
        starts_on=datetime.date(2026, 12, 3),
        ends_on=datetime.date(2027, 11, 30),
    )
    session = SessionFactory(
        cohort=cohort,
        title="Kick-off",
        # 2:00 to 4:00 in the afternoon in New York.
        starts_at=datetime.datetime(2026, 12, 3, 19, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 12, 3, 21, tzinfo=datetime.UTC),
        time_zone="America/New_York",
    )
    return cohort, session


@pytest.mark.parametrize(
    ("headers", "cohort_dates", "session_times"),
    [
        (
            ENGLISH,
            "December 3, 2026 to November 30, 2027",
            ("Thu 3 Dec 2026, 2:00 PM", "4:00 PM EST"),
        ),
        (
            SPANISH,
            "de 3 de diciembre de 2026 a 30 de noviembre de 2027",
            ("jue 3 dic. 2026, 14:00", "16:00 EST"),
        ),
    ],
    ids=["english", "spanish"],
)
def test_a_cohorts_page_writes_its_dates_as_the_language_does(
    client, cohort_with_a_session, headers, cohort_dates, session_times
):
    cohort, _session = cohort_with_a_session
    page = client.get(cohort.get_absolute_url(), headers=headers).content.decode()
    assert cohort_dates in page
    start, end = session_times
    assert f"{start}</time>–<time" in page
    assert f">{end}</time>" in page


def test_a_session_page_is_in_the_language_the_member_chose(cohort_with_a_session):
    cohort, session = cohort_with_a_session
    member = UserFactory(username="lucia", profile__language="es")
    add_member(cohort, member, city=add_city(cohort))
    client = Client()
    client.force_login(member)
    page = client.get(session.get_absolute_url(), headers=ENGLISH).content.decode()
    assert "jue 3 dic. 2026, 14:00" in page
    assert "16:00 EST" in page
    # No time on the 12-hour clock (a name's initials, "PM", may be on the page).
    assert not re.search(r"\d\s?[AP]M\b", page)


@pytest.mark.parametrize(
    ("headers", "count"),
    [(ENGLISH, "1,234 threads"), (SPANISH, "1,234 conversaciones")],
    ids=["english", "spanish"],
)
def test_counts_past_a_thousand_are_grouped(client, headers, count):
    board = BoardFactory(visibility="public")
    Board.objects.filter(pk=board.pk).update(thread_count=1234)
    page = client.get(reverse("community:board_list"), headers=headers)
    assert count in page.content.decode()


def test_spanish_writes_numbers_as_us_spanish_does():
    with translation.override("es"):
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1,234.5"


def test_spanish_abbreviates_every_month_in_lower_case():
    """As the cohort timeline labels them: "ene. 2027" beside "oct. 2026" (Django's
    own Spanish writes "Ene." and "Feb.")."""
    with translation.override("es"):
        labels = [
            formats.date_format(
                datetime.date(2027, month, 1), "ABBREVIATED_YEAR_MONTH_FORMAT"
            )
            for month in range(1, 13)
        ]
    assert labels[0] == "ene. 2027"
    assert all(label == label.lower() for label in labels), labels
