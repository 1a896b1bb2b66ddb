"""Moderators work in the admin: the flag queue, hiding, moving, suspending."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.discussions import moderation
from community.models import Flag, ModerationLog, Post, Suspension, Thread
from tests.factories import BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def mod_client(client, moderator_user):
    client.force_login(moderator_user)
    return client


def test_flag_queue_hides_reported_posts_with_a_reason(mod_client, member):
    post = make_thread(author=member).posts.get()
    flag = moderation.flag_create(post=post, reporter=UserFactory(), reason="Insults")
    assert mod_client.get("/admin/community/flag/?status=open").status_code == 200
    ask = mod_client.post(
        "/admin/community/flag/",
        {"action": "hide_posts", "_selected_action": [flag.pk]},
    )
    assert "Hide these posts" in ask.content.decode()
    mod_client.post(
        "/admin/community/flag/",
        {"action": "hide_posts", "_selected_action": [flag.pk], "reason": "Insults"},
    )
    post.refresh_from_db()
    assert post.is_hidden
    assert post.hidden_reason == "Insults"
    assert Flag.objects.get().resolved_at is not None


def test_dismissing_flags_restores_an_auto_hidden_post(mod_client, member):
    post = make_thread(author=member).posts.get()
    established = timezone.now() - timedelta(days=30)
    for reporter in UserFactory.create_batch(3, date_joined=established):
        moderation.flag_create(post=post, reporter=reporter, reason="Spam?")
    assert Post.objects.get(pk=post.pk).is_hidden
    mod_client.post(
        "/admin/community/flag/",
        {
            "action": "dismiss",
            "_selected_action": list(Flag.objects.values_list("pk", flat=True)),
        },
    )
    assert not Post.objects.get(pk=post.pk).is_hidden


def test_moderator_moves_a_thread(mod_client, member):
    thread = make_thread(author=member)
    target = BoardFactory(slug="elsewhere")
    mod_client.post(
        "/admin/community/thread/",
        {"action": "move", "_selected_action": [thread.pk], "board": target.pk},
    )
    assert Thread.objects.get(pk=thread.pk).board == target
    assert ModerationLog.objects.filter(action="move").exists()


def test_moderator_suspends_a_member_in_the_admin(mod_client, member):
    until = timezone.localtime() + timedelta(days=2)
    mod_client.post(
        "/admin/community/suspension/add/",
        {
            "user": member.pk,
            "until_0": until.strftime("%Y-%m-%d"),
            "until_1": until.strftime("%H:%M:%S"),
            "reason": "Cooling off",
        },
    )
    assert Suspension.objects.active().filter(user=member).exists()
    assert ModerationLog.objects.filter(action="suspend", member=member).exists()


def test_moderation_log_is_read_only(mod_client):
    assert mod_client.get("/admin/community/moderationlog/").status_code == 200
    assert mod_client.get("/admin/community/moderationlog/add/").status_code == 403


def test_a_suspension_in_the_past_is_a_form_error(mod_client, member):
    past = timezone.localtime() - timedelta(days=1)
    response = mod_client.post(
        "/admin/community/suspension/add/",
        {
            "user": member.pk,
            "until_0": past.strftime("%Y-%m-%d"),
            "until_1": past.strftime("%H:%M:%S"),
            "reason": "Too late",
        },
    )
    assert response.status_code == 200
    assert "Choose a time in the future." in response.content.decode()
    assert not Suspension.objects.exists()
