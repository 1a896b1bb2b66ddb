"""The feeds of a board and a thread, kept as guests' pages are (core/page_cache.py),
are never older than the last committed change to what they show: a board made
private stops serving them at once, and a hidden post, a reply or a new name is
in the next reader's copy.

The tests commit for real, as requests do (transactional tests)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from community.discussions.moderation import post_hide, thread_move
from community.discussions.services import post_create
from community.members.profiles import profile_update
from tests.factories import BoardFactory, UserFactory, make_thread

pytestmark = [pytest.mark.versions_on_commit, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def thread(transactional_db):
    board = BoardFactory(slug="open", name="Open board", visibility="public")
    ana = UserFactory(username="ana", profile__display_name="Ana Ruiz")
    return make_thread(board=board, author=ana, title="Bus lanes", body="Who has them?")


@pytest.fixture
def moderator(transactional_db):
    moderator = UserFactory(username="mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return moderator


def feeds(thread) -> list[str]:
    return [
        reverse("community:board_feed", args=[thread.board.slug]),
        reverse("community:thread_feed", args=[thread.pk, thread.slug]),
    ]


def kept(url: str) -> str:
    """The feed as a reader reads it once it is kept."""
    assert Client().get(url)["X-Cache"] == "miss"
    again = Client().get(url)
    assert again["X-Cache"] == "hit"
    return again.text


def read(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("visibility", ["members", "cohort"])
def test_a_board_made_private_stops_serving_its_feeds_at_once(thread, visibility):
    urls = feeds(thread)
    for url in urls:
        assert "Bus lanes" in kept(url)
    board = thread.board
    board.visibility = visibility
    board.save()
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 404, url
        assert "Bus lanes" not in response.text


def test_a_thread_moved_to_a_members_board_loses_its_feed_at_once(thread, moderator):
    board_url, thread_url = feeds(thread)
    for url in (board_url, thread_url):
        assert "Bus lanes" in kept(url)
    closed = BoardFactory(slug="closed", visibility="members")
    thread_move(thread=thread, moderator=moderator, board=closed)
    assert Client().get(thread_url).status_code == 404
    assert "Bus lanes" not in read(board_url)


def test_a_hidden_post_leaves_the_kept_feeds_at_once(thread, moderator):
    for url in feeds(thread):
        assert "Who has them?" in kept(url)
    post_hide(post=thread.posts.get(), moderator=moderator, reason="Spam")
    for url in feeds(thread):
        assert "Who has them?" not in read(url), url


def test_a_reply_is_in_the_kept_thread_feed_at_once(thread):
    url = feeds(thread)[1]
    kept(url)
    post_create(thread=thread, author=UserFactory(), body="Rochester does.")
    assert "Rochester does." in read(url)


def test_a_new_name_is_in_the_kept_feeds_at_once(thread):
    for url in feeds(thread):
        assert "Ana Ruiz" in kept(url)
    profile_update(profile=thread.author.profile, display_name="Ana Ruiz-Diaz")
    for url in feeds(thread):
        assert "Ana Ruiz-Diaz" in read(url), url
