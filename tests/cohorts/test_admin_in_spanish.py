"""Program staff who chose Spanish run cohorts in an admin that speaks Spanish:
the models' names and labels, the names of the rows, the copy action and its
messages; staff who did not choose it read the same pages in English."""

import pytest

from cohorts.outcomes import milestone_record
from tests.cohorts.conftest import make_program_staff
from tests.cohorts.outcome_helpers import make_kinds
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def staff_client(client, language):
    staff = make_program_staff(username=f"staff_{language or 'en'}")
    staff.profile.language = language
    staff.profile.save(update_fields=["language"])
    client.force_login(staff)
    return client


@pytest.fixture
def spanish(client):
    return staff_client(client, "es")


@pytest.fixture
def english(client):
    return staff_client(client, "")


def test_a_membership_is_named_in_spanish(spanish, world):
    membership = world.cohort.memberships.get(user=world.participant)
    page = spanish.get(f"/admin/cohorts/cohortmembership/{membership.pk}/change/")
    assert f"maria en {world.cohort} (Participante)" in page.text
    assert "Miembro" in page.text
    assert " in 2018 cohort" not in page.text


def test_a_membership_is_named_in_english(english, world):
    membership = world.cohort.memberships.get(user=world.participant)
    page = english.get(f"/admin/cohorts/cohortmembership/{membership.pk}/change/")
    assert f"maria in {world.cohort} (Participant)" in page.text


def test_the_forms_labels_are_in_spanish(spanish, world):
    cohort = spanish.get("/admin/cohorts/cohort/add/").text
    assert "Programa:" in cohort
    session = spanish.get("/admin/cohorts/session/add/").text
    assert "Cohorte:" in session
    assert "Inicio:" in session  # capitalized as the model's labels are


def test_the_session_form_reads_well_in_english(english, world):
    session = english.get("/admin/cohorts/session/add/").text
    assert "Starts at:" in session
    assert "Cohort:" in session


def test_copying_a_schedule_speaks_spanish(spanish, world):
    SessionFactory(cohort=world.cohort, kind="site_visit", host_city=world.wichita)
    data = {"action": "copy_schedule", "_selected_action": [world.cohort.pk]}
    page = spanish.post("/admin/cohorts/cohort/", data).text
    assert "Copiar el calendario de sesiones" in page
    assert "Copiar a esta cohorte" in page
    data["target"] = world.other_cohort.pk
    done = spanish.post("/admin/cohorts/cohort/", data, follow=True).text
    assert f"Se copió 1 sesión en {world.other_cohort}." in done
    assert "Se omitieron 3 sesiones vinculadas a ciudades que no están" in done


def test_copying_the_schedule_of_two_cohorts_is_refused_in_spanish(spanish, world):
    data = {
        "action": "copy_schedule",
        "_selected_action": [world.cohort.pk, world.other_cohort.pk],
    }
    done = spanish.post("/admin/cohorts/cohort/", data, follow=True).text
    assert "Seleccione una sola cohorte para copiar su calendario de sesiones." in done


def test_the_milestone_list_says_who_recorded_in_spanish(spanish, world):
    milestone_record(
        city=world.long_beach,
        kind=make_kinds(world.cohort.program)[0],
        reached_on=world.cohort.starts_on,
        recorded_by=world.staff,
    )
    page = spanish.get("/admin/cohorts/milestone/").text
    assert "Registrado por" in page
    assert "Recorded by" not in page
