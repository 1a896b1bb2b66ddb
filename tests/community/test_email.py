"""Notification e-mails: who gets what, when, and what is in them."""

import pytest
from django.core import mail

from community.discussions import following, services
from community.members.account import setting_set
from community.models import (
    Board,
    Notification,
    NotificationSettings,
    OutgoingEmail,
    ThreadFollow,
)
from community.notifications.mail import email_deliver
from tests.community.email_helpers import reply
from tests.factories import BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_a_reply_to_my_thread_reaches_my_inbox_with_both_parts(
    member, other_member, run_tasks
):
    thread = make_thread(author=member, title="Budget equity tools")
    post = reply(run_tasks, thread, other_member, "Try the **Seattle** toolkit")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maria@example.org"]
    assert message.subject == "[Equity Commons] Budget equity tools"
    assert "@james replied to you in “Budget equity tools”" in message.body
    assert f"http://127.0.0.1:8000/community/p/{post.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>Seattle</strong>" in html
    assert f'href="http://127.0.0.1:8000/community/p/{post.pk}/"' in html


def test_every_e_mail_has_one_click_unsubscribe_and_thread_headers(
    member, other_member, run_tasks
):
    thread = make_thread(author=member)
    reply(run_tasks, thread, other_member)
    reply(run_tasks, thread, other_member, "And another")
    first, second = mail.outbox
    headers = first.extra_headers
    assert headers["List-Unsubscribe"].startswith(
        "<http://127.0.0.1:8000/community/unsubscribe/"
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Both point at the thread, so mail clients show them as one conversation.
    assert headers["In-Reply-To"] == f"<thread-{thread.pk}@127.0.0.1>"
    assert second.extra_headers["References"] == headers["In-Reply-To"]
    assert headers["Message-ID"] != second.extra_headers["Message-ID"]
    unsubscribe = headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in first.body  # the footer link
    assert "Replies to your threads and posts" in first.body


def test_defaults_mentions_at_once_reactions_in_the_digest(
    member, other_member, run_tasks
):
    thread = make_thread(author=other_member)
    post = reply(run_tasks, thread, other_member, "cc @maria")
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]
    run_tasks(
        services.reaction_toggle, post=thread.posts.first(), user=member, kind="thanks"
    )
    assert len(mail.outbox) == 1  # the reaction waits for the digest
    assert Notification.objects.filter(recipient=other_member, kind="reaction")
    assert post.pk


def test_never_means_no_e_mail_but_the_site_still_notifies(
    member, other_member, run_tasks
):
    setting_set(user=member, name="replies_to_you", value="never")
    thread = make_thread(author=member)
    reply(run_tasks, thread, other_member)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=member, kind="reply_to_you").exists()


def test_a_cohort_board_post_never_reaches_a_non_member(run_tasks):
    from tests.factories import CohortFactory, add_city, add_member

    cohort = CohortFactory()
    board = Board.objects.get(cohort=cohort)
    city = add_city(cohort)
    insider = UserFactory(username="insider")
    outsider = UserFactory(username="outsider")
    add_member(cohort, insider, city=city)
    # The outsider once followed the thread (e.g. before the board went private).
    thread = make_thread(board=board, author=insider, title="Private plans")
    ThreadFollow.objects.create(user=outsider, thread=thread, level="watching")
    reply(run_tasks, thread, insider, "Secret detail, cc @outsider")
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert all("outsider@example.org" not in m.to for m in mail.outbox)


def test_reading_it_on_the_site_first_means_no_e_mail(member, other_member):
    thread = make_thread(author=member)
    services.post_create(thread=thread, author=other_member, body="Reply")
    Notification.objects.filter(recipient=member).update(read_at=thread.created_at)
    email = OutgoingEmail.objects.get()
    email_deliver(email_id=email.pk)
    assert mail.outbox == []


# --- Watching levels ------------------------------------------------------------------


def test_watching_a_thread_brings_every_post_normal_only_replies_to_me(
    member, other_member, run_tasks
):
    third = UserFactory(username="third")
    thread = make_thread(author=other_member)
    reply(run_tasks, thread, member, "My first reply")  # member is now "normal"
    reply(run_tasks, thread, third, "Unrelated")
    assert not Notification.objects.filter(recipient=member).exists()
    following.thread_watch_set(user=member, thread=thread, level="watching")
    reply(run_tasks, thread, third, "Another")
    assert Notification.objects.get(recipient=member).kind == "reply"


def test_muted_thread_brings_nothing_not_even_mentions(member, other_member):
    thread = make_thread(author=member)
    following.thread_watch_set(user=member, thread=thread, level="muted")
    services.post_create(thread=thread, author=other_member, body="@maria look")
    assert not Notification.objects.filter(recipient=member).exists()


def test_watching_a_board_brings_its_new_threads(member, other_member, run_tasks):
    board = BoardFactory()
    following.board_watch_set(user=member, board=board, level="watching")
    setting_set(user=member, name="watched", value="immediately")
    run_tasks(make_thread, board=board, author=other_member, title="New idea")
    note = Notification.objects.get(recipient=member)
    assert note.kind == "new_thread"
    assert mail.outbox[0].subject == "[Equity Commons] New idea"


def test_a_muted_board_is_overridden_by_watching_one_of_its_threads(
    member, other_member
):
    board = BoardFactory()
    thread = make_thread(board=board, author=other_member)
    following.board_watch_set(user=member, board=board, level="muted")
    services.post_create(thread=thread, author=other_member, body="one")
    assert not Notification.objects.filter(recipient=member).exists()
    following.thread_watch_set(user=member, thread=thread, level="watching")
    services.post_create(thread=thread, author=other_member, body="two")
    assert Notification.objects.filter(recipient=member).count() == 1


def test_settings_reject_an_unknown_choice(member):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        setting_set(user=member, name="mentions", value="hourly")
    with pytest.raises(ValidationError):
        setting_set(user=member, name="is_staff", value="on")
    assert NotificationSettings.objects.get(user=member).mentions == "immediately"
