"""Pages that feel alive: what is new on a thread or a board, and the unread
count, answered 304 while nothing changed, and only to who may read it."""

import pytest

from community.discussions import services
from community.models import Notification
from tests.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(board, other_member):
    return make_thread(board=board, author=other_member, body="Who has data?")


def news(client, thread, after, etag=None):
    headers = {"If-None-Match": etag} if etag else {}
    return client.get(f"/community/t/{thread.pk}/live/?after={after}", headers=headers)


def test_a_thread_says_how_many_replies_came_and_where(
    member_client, member, other_member, thread
):
    first = thread.posts.get()
    quiet = news(member_client, thread, first.pk)
    assert quiet.json() == {"new": 0, "text": "", "url": ""}
    assert "private" in quiet["Cache-Control"]
    assert "no-cache" in quiet["Cache-Control"]
    again = news(member_client, thread, first.pk, etag=quiet["ETag"])
    assert again.status_code == 304
    assert again.content == b""

    reply = services.post_create(thread=thread, author=other_member, body="We do.")
    services.post_create(thread=thread, author=other_member, body="And more.")
    moved = news(member_client, thread, first.pk, etag=quiet["ETag"])
    assert moved.status_code == 200
    assert moved.json() == {
        "new": 2,
        "text": "2 new replies — show",
        "url": f"/community/p/{reply.pk}/",
    }


def test_a_thread_no_one_may_read_is_not_there(client, member, other_member):
    members = make_thread(board=BoardFactory(visibility="members"), author=other_member)
    cohort = make_thread(board=BoardFactory(visibility="cohort"), author=other_member)
    assert news(client, members, 0).status_code == 404  # a guest
    client.force_login(member)
    assert news(client, members, 0).status_code == 200
    assert news(client, cohort, 0).status_code == 404


def test_a_board_counts_threads_active_since_its_page_was_made(
    member_client, member, other_member, board
):
    page = member_client.get(f"/community/{board.slug}/").content.decode()
    url = page.split('data-live="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert member_client.get(url).json()["new"] == 0
    make_thread(board=board, author=other_member, title="Fresh")
    assert member_client.get(url).json() == {
        "new": 1,
        "text": "1 thread with new posts — show",
        "url": f"/community/{board.slug}/",
    }
    assert (
        member_client.get(f"/community/{board.slug}/live/?since=x").status_code == 404
    )


def test_the_unread_count_follows_the_member(client, member, other_member, thread):
    assert client.get("/community/notifications/live/").status_code == 404
    client.force_login(member)
    before = client.get("/community/notifications/live/")
    assert before.json() == {"unread": 0}
    assert (
        client.get(
            "/community/notifications/live/", headers={"If-None-Match": before["ETag"]}
        ).status_code
        == 304
    )
    services.post_create(thread=thread, author=other_member, body="@maria look")
    assert Notification.objects.filter(recipient=member).exists()
    assert client.get("/community/notifications/live/").json() == {"unread": 1}
