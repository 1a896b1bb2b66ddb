"""The program's texts in Spanish (issue 19): program staff fill them in the
admin beside the English; the calendar gives a session's Spanish title, or says
its English title is English; the seeds translate the demo program."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from cohorts.models import Cohort, MilestoneKind, Program
from tests.cohorts.conftest import make_program_staff
from tests.factories import OrganizationFactory, SessionFactory
from tests.test_content_in_spanish import SPANISH, languages_of

pytestmark = pytest.mark.django_db


def test_program_staff_fill_the_spanish_beside_the_english(client):
    client.force_login(make_program_staff())
    form = client.get("/admin/cohorts/program/add/").text
    assert form.index('name="purpose"') < form.index('name="purpose_es"')
    assert "Purpose in Spanish" in form
    client.post(
        "/admin/cohorts/program/add/",
        {
            "in_brief": "Cities work together. Their staff get coaching.",
            "name": "Bridges program",
            "name_es": "Programa Puentes",
            "slug": "bridges",
            "organization": OrganizationFactory().pk,
            "purpose": "Build bridges.",
            "purpose_es": "Tender puentes.",
            "length_months": "12",
            "benefits": "Coaching\nWebinars",
            "benefits_es": "Asesoría\nSeminarios web",
            "milestone_kinds-TOTAL_FORMS": "0",
            "milestone_kinds-INITIAL_FORMS": "0",
        },
    )
    program = Program.objects.get(slug="bridges")
    assert program.name_es == "Programa Puentes"
    assert program.purpose_es == "Tender puentes."
    page = client.get(program.get_absolute_url(), headers=SPANISH).text
    assert languages_of(page, "Seminarios web") == {"es"}


def test_the_calendar_gives_the_spanish_title_or_says_the_english_is_english(client):
    english_only = SessionFactory(title="Kickoff gathering")
    SessionFactory(
        cohort=english_only.cohort,
        title="Site visit",
        title_es="Visita a la ciudad",
    )
    cohort = english_only.cohort
    url = reverse("cohorts:cohort_calendar", args=[cohort.program.slug, cohort.slug])
    spanish = client.get(url, headers=SPANISH).content.decode()
    assert "SUMMARY;LANGUAGE=en:Kickoff gathering" in spanish
    assert "SUMMARY:Visita a la ciudad" in spanish
    english = client.get(url).content.decode()
    assert "SUMMARY:Kickoff gathering" in english
    assert "SUMMARY:Site visit" in english


def test_the_seeds_translate_the_demo_program(client):
    call_command("seed_demo", verbosity=0)
    program = Program.objects.get()
    page = client.get(program.get_absolute_url(), headers=SPANISH).text
    assert languages_of(page, program.name_es) == {"es"}
    assert languages_of(page, "Un programa de asistencia técnica") == {"es"}
    assert languages_of(page, "Una academia de liderazgo") == {"es"}
    assert Cohort.objects.get(slug="2018").name_es == "Cohorte de 2018"
    assert not MilestoneKind.objects.filter(name_es="").exists()
