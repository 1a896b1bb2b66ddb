"""Issue 18's whole path: program staff record on a session's page who came, and
the cohort's dashboard and its CSV count it for each city at once."""

import pytest

from tests.cohorts.test_attendance_views import record
from tests.cohorts.test_dashboard import read_csv
from tests.cohorts.view_helpers import url

pytestmark = pytest.mark.django_db


def _city_row(rows, city):
    return next(row for row in rows if row[0] == city)


def test_attendance_staff_record_shows_in_the_dashboard_and_its_csv(client, world):
    client.force_login(world.staff)
    before = _city_row(read_csv(client.get(url(world) + "dashboard.csv")), "Wichita")
    assert before[-3] == "0"  # sessions attended

    response = record(client, world, world.convening, [world.city_lead.pk])
    assert response.status_code == 302

    page = client.get(url(world) + "dashboard/").text
    assert "Sessions attended: 1 of" in page.split("Wichita, KS")[1]
    after = _city_row(read_csv(client.get(url(world) + "dashboard.csv")), "Wichita")
    assert after[-3:-1] == ["1", "1"]  # sessions attended, attendances
    long_beach = _city_row(
        read_csv(client.get(url(world) + "dashboard.csv")), "Long Beach"
    )
    assert long_beach[-3] == "0"  # Maria was not ticked
