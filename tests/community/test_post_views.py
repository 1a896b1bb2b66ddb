"""Replies and posts: quotes, deleted and hidden posts, limits, reports, refusals."""

import datetime

import pytest

from community.discussions import ratelimits, services
from community.models import Flag
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_reply_to_a_post_shows_the_quote(member_client, member, other_member, board):
    thread = make_thread(board=board, author=other_member, body="Original words")
    first = thread.posts.get()
    member_client.post(
        f"/community/t/{thread.pk}/reply/", {"body": "Agreed", "reply_to": first.pk}
    )
    reply = thread.posts.get(body="Agreed")
    assert reply.reply_to == first
    page = member_client.get(f"{thread.get_absolute_url()}?page=1").content.decode()
    assert "In reply to" in page
    assert "Original words" in page


def test_deleted_post_leaves_a_placeholder(member_client, member, board):
    thread = make_thread(board=board, author=member, body="Regrettable")
    post = thread.posts.get()
    member_client.post(f"/community/p/{post.pk}/delete/")
    page = member_client.get(f"{thread.get_absolute_url()}?page=1").content.decode()
    assert "This post was deleted by its author." in page
    assert "Regrettable" not in page


def test_hidden_post_shows_the_reason_to_its_author_only(
    client, member, other_member, moderator_user, board
):
    from community.discussions.moderation import post_hide

    thread = make_thread(board=board, author=member, body="Phone 555-0100")
    post_hide(post=thread.posts.get(), moderator=moderator_user, reason="Personal data")
    url = f"{thread.get_absolute_url()}?page=1"
    client.force_login(member)
    assert "Reason: Personal data" in client.get(url).content.decode()
    client.force_login(other_member)
    page = client.get(url).content.decode()
    assert "hidden by a moderator" in page
    assert "Personal data" not in page
    assert "555-0100" not in page


def test_posting_too_fast_is_a_429_page(member_client, member, board, monkeypatch):
    monkeypatch.setattr(ratelimits, "POST_LIMIT", (2, 60))
    monkeypatch.setattr(ratelimits, "POST_LIMIT_NEW", (2, 60))
    thread = make_thread(board=board, author=member)
    url = f"/community/t/{thread.pk}/reply/"
    assert member_client.post(url, {"body": "one"}).status_code == 302
    assert member_client.post(url, {"body": "two"}).status_code == 302
    response = member_client.post(url, {"body": "three"})
    assert response.status_code == 429
    assert "posting faster than the community allows" in response.content.decode()
    assert thread.posts.count() == 3


def test_a_reply_that_is_too_long_keeps_the_text(member_client, member, board):
    thread = make_thread(board=board, author=member)
    text = "My considered answer. " + "x" * 20_000
    response = member_client.post(f"/community/t/{thread.pk}/reply/", {"body": text})
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert "My considered answer." in response.content.decode()
    assert thread.posts.count() == 1


def test_a_tampered_reply_to_posts_to_the_thread(member_client, member, board):
    thread = make_thread(board=board, author=member)
    response = member_client.post(
        f"/community/t/{thread.pk}/reply/", {"body": "Fine", "reply_to": "abc"}
    )
    assert response.status_code == 302
    assert thread.posts.get(body="Fine").reply_to is None


def test_a_reply_posted_twice_keeps_the_text_and_says_why(member_client, member):
    thread = make_thread(author=member)
    url = f"/community/t/{thread.pk}/reply/"
    assert member_client.post(url, {"body": "See you Friday."}).status_code == 302
    response = member_client.post(url, {"body": "See you Friday."})
    assert response.status_code == 200
    assert str(services.DUPLICATE) in response.text.replace("&#x27;", "'")
    assert "See you Friday." in response.text  # the text is still in the box
    assert thread.posts.count() == 2


def test_reports_are_limited_to_a_few_an_hour(member_client, member):
    member.date_joined = member.date_joined - datetime.timedelta(days=30)
    member.save()
    posts = [make_thread(author=UserFactory()).posts.get() for _ in range(6)]
    for post in posts[:5]:
        member_client.post(f"/community/p/{post.pk}/flag/", {"reason": "Spam"})
    response = member_client.post(
        f"/community/p/{posts[5].pk}/flag/", {"reason": "Spam"}, follow=True
    )
    assert "many reports in the last hour" in response.text
    assert Flag.objects.filter(reporter=member).count() == 5


def test_a_member_who_is_not_a_moderator_is_told_why_they_cannot_moderate(
    member_client, member, board
):
    thread = make_thread(board=board, author=member)
    post = thread.posts.first()
    for url in (
        f"/community/p/{post.pk}/moderate/restore/",
        f"/community/t/{thread.pk}/lock/",
    ):
        response = member_client.post(url)
        assert response.status_code == 403
        assert "Only moderators can do this." in response.content.decode()
    thread.refresh_from_db()
    assert not thread.is_locked


def test_unknown_moderation_action_is_404(client, moderator_user, member, board):
    post = make_thread(board=board, author=member).posts.get()
    client.force_login(moderator_user)
    assert client.post(f"/community/p/{post.pk}/moderate/explode/").status_code == 404


def test_a_reply_runs_the_same_queries_whatever_the_thread_and_its_watchers(
    member_client, member, board, monkeypatch
):
    """Posting answers with a fixed number of queries: who hears of the post is
    worked out by the worker (away here: its task is only queued), and the
    author's follow and read mark are one statement each, however long the
    thread and however many watch it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.discussions.following import follow

    small = make_thread(board=board, body="Small")
    large = make_thread(board=board, body="Large")
    for n in range(40):
        watcher = UserFactory()
        services.post_create(thread=large, author=watcher, body=f"Reply {n}")
        follow(watcher, large)

    def queries(thread, body) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            response = member_client.post(
                f"/community/t/{thread.pk}/reply/", {"body": body}
            )
        assert response.status_code == 302
        return [q["sql"] for q in captured.captured_queries]

    queued = []

    class Away:  # the worker's task, queued and not run
        def enqueue(self, post_id):
            queued.append(post_id)

    monkeypatch.setattr(services, "post_fan_out", Away())
    on_small = queries(small, "First words here.")
    on_large = queries(large, "Other words here.")
    assert len(on_small) == len(on_large) <= 20
    assert len(queued) == 2  # each post's fan-out, for the worker
    assert sum('"community_threadfollow"' in sql for sql in on_large) == 1
    assert sum("community_readstate" in sql for sql in on_large) == 1
    # Both are there: the member follows both threads and has read their reply.
    assert large.follows.filter(user=member).exists()
    newest = large.posts.order_by("pk").last()
    assert large.read_states.get(user=member).read_up_to == newest.pk
