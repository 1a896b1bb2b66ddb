"""The admin in Spanish for staff who chose it, down to what Django and its
packages keep or name in English only: permissions, many-to-many links, the
fields a change touched, the names of our objects, the tasks' and second
factors' pages (every admin page: tests/test_spanish.py)."""

import datetime

import pytest
from django.utils import translation

from community.models import DigestSchedule, Suspension
from tests.client import Client
from tests.factories import BoardFactory, ResourceFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(db):
    return UserFactory(username="boss", is_staff=True, is_superuser=True)


def _client(user, language: str) -> Client:
    user.profile.language = language
    user.profile.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def spanish_admin(boss):
    return _client(boss, "es")


@pytest.fixture
def english_admin(db):
    chief = UserFactory(username="chief", is_staff=True, is_superuser=True)
    return _client(chief, "en")


def test_a_groups_permissions_are_named_in_the_staff_members_language(
    spanish_admin, english_admin
):
    spanish = spanish_admin.get("/admin/auth/group/add/").text
    assert "Comunidad | seguimiento de foro | Puede añadir seguimiento de foro" in (
        spanish
    )
    assert "Can add" not in spanish
    english = english_admin.get("/admin/auth/group/add/").text
    assert "Community | board follow | Can add board follow" in english


def test_a_members_own_permissions_are_named_in_spanish(spanish_admin, member):
    page = spanish_admin.get(f"/admin/auth/user/{member.pk}/change/").text
    assert "Comunidad | publicación | Puede eliminar publicación" in page
    assert "Can delete" not in page


def test_a_delete_confirmation_names_a_threads_links_to_resources_in_spanish(
    spanish_admin, member
):
    thread = make_thread(author=member, title="Bus lanes")
    resource = ResourceFactory(title="Transit equity toolkit")
    thread.resources.add(resource)
    page = spanish_admin.get(f"/admin/community/thread/{thread.pk}/delete/").text
    assert "Relaciones conversación-recurso: 1" in page
    assert "Relación conversación-recurso: Bus lanes – Transit equity toolkit" in page
    assert "Thread_resources" not in page


def test_the_history_names_the_changed_fields_in_the_readers_language(
    english_admin, spanish_admin
):
    board = BoardFactory(name="Housing")
    english_admin.post(
        f"/admin/community/board/{board.pk}/change/",
        {
            "name": "Housing and land",
            "slug": board.slug,
            "position": 0,
            "visibility": board.visibility,
            "kind": board.kind,
            "new_threads": board.new_threads,
        },
    )
    board.refresh_from_db()
    assert board.name == "Housing and land"
    history = spanish_admin.get(f"/admin/community/board/{board.pk}/history/").text
    assert "Se modificó: nombre." in history


def test_objects_are_named_in_the_active_language_with_its_dates(member):
    until = datetime.datetime(2026, 12, 5, 18, 58, tzinfo=datetime.UTC)
    suspension = Suspension(user=member, until=until, reason="Insults")
    schedule = DigestSchedule(weekday=DigestSchedule.Weekday.TUESDAY, hour=8)
    with translation.override("es"):
        assert str(suspension) == (
            "Suspensión de maria hasta el 5 de diciembre de 2026 a las 13:58"
        )
        assert str(schedule) == "Todos los martes a las 08:00"
    with translation.override("en"):
        assert str(suspension) == "maria suspended until Dec. 5, 2026, 1:58 p.m."
        assert str(schedule) == "Every Tuesday at 08:00"


def test_the_password_page_explains_turning_passwords_off_in_spanish(
    spanish_admin, member
):
    page = spanish_admin.get(f"/admin/auth/user/{member.pk}/password/").text
    assert "Determina si el usuario podrá autenticarse usando una contraseña" in page
    assert "Si la deshabilita, se perderá la contraseña actual de este usuario." in page
    assert "If disabled" not in page


def test_the_packages_apps_and_models_are_named_in_spanish(spanish_admin):
    index = spanish_admin.get("/admin/").text
    assert "Administración de Equity Commons" in index
    assert "Tareas en segundo plano" in index
    assert "Resultados de tareas" in index
    assert "Inicio de sesión en dos pasos" in index
    assert "Segundos factores" in index
    assert "Miembro del personal" in spanish_admin.get("/admin/auth/user/").text


def test_the_profiles_languages_are_each_marked_as_in_their_language(
    spanish_admin, member
):
    page = spanish_admin.get(f"/admin/community/profile/{member.profile.pk}/change/")
    assert '<option value="en" lang="en">English</option>' in page.text
    assert '<option value="es" lang="es">Español</option>' in page.text


def test_yes_no_icons_are_read_aloud_in_spanish(spanish_admin, member):
    post = make_thread(author=member).posts.get()
    page = spanish_admin.get(f"/admin/community/post/{post.pk}/change/").text
    assert 'alt="No"' in page  # not hidden, not deleted
    assert 'alt="False"' not in page
