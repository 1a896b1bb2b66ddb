"""Reading a thread writes nothing to the database during the page view: the mark
waits in Redis until the worker's tick writes it (community/discussions/reading.py),
and the member's pages show it at once meanwhile."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.discussions import reading
from community.discussions.services import post_create
from community.models import ReadState
from community.tasks import tick
from tests.factories import BoardFactory, UserFactory, make_thread

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)", re.I)


@pytest.fixture
def redis_cache(settings):
    """The shared cache as in production (CACHE_URL), on a Redis database the
    tests keep to themselves."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
            "KEY_PREFIX": "commons-tests",
        }
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def busy_thread(db):
    board = BoardFactory(slug="open", visibility="public")
    thread = make_thread(board=board, title="Bus lanes", body="Who has them?")
    author = UserFactory()
    for n in range(3):
        post_create(thread=thread, author=author, body=f"Reply {n}")
    return thread


def board_badges(client, thread) -> str:
    """The thread's row on its board's page."""
    html = client.get(thread.board.get_absolute_url()).text
    at = html.index(f'href="{thread.get_absolute_url()}"')
    return html[html.rindex("<li", 0, at) : html.index("</li>", at)]


@pytest.mark.django_db
def test_reading_a_thread_writes_nothing_and_shows_as_read_at_once(
    redis_cache, member_client, member, busy_thread
):
    assert "New" in board_badges(member_client, busy_thread)  # never opened
    with CaptureQueriesContext(connection) as queries:
        page = member_client.get(busy_thread.get_absolute_url())
    assert page.status_code == 200
    assert [q["sql"] for q in queries if WRITES.match(q["sql"])] == []
    assert not ReadState.objects.filter(user=member).exists()
    newest = busy_thread.posts.order_by("-pk").first()
    assert reading.read_marks(member, [busy_thread.pk]) == {busy_thread.pk: newest.pk}
    badges = board_badges(member_client, busy_thread)
    assert "New" not in badges
    assert "unread" not in badges
    # A new reply shows as one new reply, counted past the mark still in Redis.
    post_create(thread=busy_thread, author=UserFactory(), body="One more")
    assert "1 new reply" in board_badges(member_client, busy_thread)


@pytest.mark.django_db
def test_the_tick_writes_the_marks_and_they_never_go_back(
    redis_cache, member_client, member, busy_thread
):
    newest = busy_thread.posts.order_by("-pk").first()
    reading.read_mark(user=member, thread_id=busy_thread.pk, post_id=newest.pk)
    reading.read_mark(user=member, thread_id=busy_thread.pk, post_id=newest.pk - 2)
    assert reading.read_marks(member, [busy_thread.pk]) == {busy_thread.pk: newest.pk}
    assert tick.call()["read marks"] == 1
    state = ReadState.objects.get(user=member, thread=busy_thread)
    assert state.read_up_to == newest.pk
    assert reading.read_marks(member, [busy_thread.pk]) == {}
    # An older mark written later does not move the stored one back.
    reading.read_mark(user=member, thread_id=busy_thread.pk, post_id=newest.pk - 1)
    assert reading.read_marks_flush() == 1
    state.refresh_from_db()
    assert state.read_up_to == newest.pk
    # And the next visit lands after it: nothing unread, no redirect.
    assert member_client.get(busy_thread.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_without_redis_the_mark_is_written_at_once(member_client, member, busy_thread):
    member_client.get(busy_thread.get_absolute_url())
    newest = busy_thread.posts.order_by("-pk").first()
    state = ReadState.objects.get(user=member, thread=busy_thread)
    assert state.read_up_to == newest.pk
