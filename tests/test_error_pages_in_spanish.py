"""The error pages (400, 403, 404, 429, 500, 503) in Spanish for a visitor whose
browser asks for it or a member who chose it, even those answered before the page's
language is chosen (a request refused at once, the database away), whatever
language the process served last."""

import time

import pytest
from django.urls import reverse
from django.utils import translation

from core import outages
from tests.client import Client
from tests.cohorts.conftest import world  # noqa: F401 (a fixture)
from tests.spanish import SPANISH, english_in_html, stored_texts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_served_last():
    """The process's last page was in English (Django keeps a thread's language)."""
    translation.activate("en")
    yield
    translation.deactivate()


def _spanish_page(response, status: int) -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="es"' in html
    assert not english_in_html(html, stored_texts(id(response)))
    return html


def test_a_bad_request_refused_at_once_is_in_spanish(client):
    response = client.get("/resources/?q=%00", headers=SPANISH)
    _spanish_page(response, 400)


def test_an_action_refused_to_a_member_is_in_spanish(world):  # noqa: F811
    maria = world.participant
    maria.profile.language = "es"
    maria.profile.save(update_fields=["language"])
    client = Client()
    client.force_login(maria)
    session = world.convening
    url = reverse(
        "cohorts:attendance_record",
        args=[world.cohort.program.slug, world.cohort.slug, session.pk],
    )
    response = client.post(url, {"listed": [maria.pk], "attended": [maria.pk]})
    html = _spanish_page(response, 403)
    assert "personal del programa" in html  # the reason, in Spanish


def test_a_page_not_found_is_in_spanish(client):
    _spanish_page(client.get("/no-such-page/", headers=SPANISH), 404)


def test_too_many_tries_is_in_spanish(client):
    for i in range(25):
        response = client.post(
            "/accounts/password/reset/",
            {"email": f"someone{i}@example.org"},
            headers=SPANISH,
        )
        if response.status_code == 429:
            break
    html = _spanish_page(response, 429)
    assert "Demasiados intentos" in html


def test_a_server_error_is_in_spanish(settings):
    settings.ROOT_URLCONF = "tests.urls_failing"
    client = Client(raise_request_exception=False)
    _spanish_page(client.get("/boom/", headers=SPANISH), 500)


def test_the_database_away_is_said_in_spanish(client, monkeypatch):
    monkeypatch.setattr(outages.database, "until", time.monotonic() + 60)
    html = _spanish_page(client.get("/resources/", headers=SPANISH), 503)
    assert "base de datos" in html
