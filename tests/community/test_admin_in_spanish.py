"""The admin in Spanish for staff who chose it, down to what Django and its
packages keep or name in English only: permissions, many-to-many links, the
fields a change touched, the names of our objects, the tasks' and second
factors' pages (every admin page: tests/test_spanish.py)."""

import datetime

import pytest
from django.utils import timezone, translation

from community.conversations.moderation import message_report_create
from community.conversations.services import conversation_start
from community.discussions import moderation
from community.models import DigestSchedule, Flag, ModerationLog, Suspension
from tests.client import Client
from tests.factories import BoardFactory, ResourceFactory, UserFactory, make_thread
from tests.spanish import english_in_html, stored_texts

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


@pytest.fixture
def moderated(boss, member, other_member):
    """What moderators do in a week, through the admin: reports hide a post, a
    moderator dismisses them, moves its thread and closes a report of a message.
    Gives the name of the board the thread left."""
    admin = _client(boss, "es")
    post = make_thread(author=member, title="Bus lanes").posts.get()
    left = post.thread.board.name
    established = timezone.now() - datetime.timedelta(days=30)
    for reporter in UserFactory.create_batch(3, date_joined=established):
        moderation.flag_create(post=post, reporter=reporter, reason="Spam?")
    flags = list(Flag.objects.values_list("pk", flat=True))
    admin.post(
        "/admin/community/flag/", {"action": "dismiss", "_selected_action": flags}
    )
    target = BoardFactory(name="Housing")
    admin.post(
        "/admin/community/thread/",
        {"action": "move", "_selected_action": [post.thread_id], "board": target.pk},
    )
    conversation = conversation_start(
        author=member, recipients=[other_member], body="Call me about the bond."
    )
    message = conversation.messages.get()
    report = message_report_create(
        message=message, reporter=other_member, reason="Rude"
    )
    admin.post(
        "/admin/community/messagereport/",
        {"action": "dismiss", "_selected_action": [report.pk]},
    )
    return left, message.pk


def test_what_moderation_recorded_is_said_in_the_staff_members_language(
    moderated, spanish_admin, english_admin
):
    left, message = moderated
    spanish = spanish_admin.get("/admin/community/moderationlog/").text
    english = english_admin.get("/admin/community/moderationlog/").text
    for said_in_spanish, said_in_english in [
        ("Ocultó una publicación tras varios reportes",
         "Hid a post after several reports"),
        ("reportes abiertos con un peso de 3", "open reports weighing 3"),
        ("se descartaron sus reportes", "its reports were dismissed"),
        (f"de {left} a Housing", f"from {left} to Housing"),
        ("descartado: no había nada indebido", "dismissed: nothing wrong"),
        (f"mensaje {message}: revisado", f"message {message}: reviewed"),
    ]:  # fmt: skip
        assert said_in_spanish in spanish
        assert said_in_english in english
    flag = Flag.objects.first()
    page = spanish_admin.get(f"/admin/community/flag/{flag.pk}/change/").text
    assert "descartado: no había nada indebido" in page


@pytest.mark.parametrize(
    "url",
    [
        "/admin/community/moderationlog/",
        "/admin/community/flag/",
        "/admin/community/messagereport/",
        "/admin/community/messagereport/?status=resolved",
    ],
)
def test_the_moderation_pages_hold_no_english_but_what_people_wrote(
    moderated, spanish_admin, url
):
    content = stored_texts(id(moderated))
    page = spanish_admin.get(url)
    assert page.status_code == 200
    assert not english_in_html(page.text, content)


def test_each_entry_of_the_moderation_log_holds_no_english(moderated, spanish_admin):
    content = stored_texts(id(moderated))
    for entry in ModerationLog.objects.all():
        one = spanish_admin.get(f"/admin/community/moderationlog/{entry.pk}/change/")
        assert not english_in_html(one.text, content), entry.get_action_display()


def test_a_task_result_is_named_by_its_task_in_spanish(spanish_admin):
    from django_tasks_db.models import DBTaskResult, get_date_max

    result = DBTaskResult.objects.create(
        task_path="community.tasks.tick",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
    )
    page = spanish_admin.get(
        f"/admin/django_tasks_database/dbtaskresult/{result.pk}/change/"
    )
    assert f"Tarea tick ({result.pk})" in page.text
    assert "DBTaskResult object" not in page.text


def test_the_admins_selector_and_pickers_speak_spanish_not_word_for_word(
    spanish_admin,
):
    script = spanish_admin.get("/admin/jsi18n/").text
    assert '"Available %s": "%s disponibles"' in script
    assert '"Remove all %s": "Quitar todo: %s"' in script  # not "Eliminar": delete
    assert '"Choose a Date": "Elija una fecha"' in script
    assert "Disponibles" not in script
