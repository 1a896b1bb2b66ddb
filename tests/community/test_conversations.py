"""Private conversations: starting, replying, reading, leaving, blocking, who sees
what (404 for everyone else, moderators included until a report), and limits."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from community.conversations import moderation, services
from community.models import (
    Block,
    Conversation,
    Message,
    MessageReport,
    Notification,
    Participant,
)
from tests.client import Client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW = reverse("community:conversation_create")
INBOX = reverse("community:conversation_list")


def start(author, *recipients, body="Can we talk about the bond measure?", **kwargs):
    return services.conversation_start(
        author=author, recipients=list(recipients), body=body, **kwargs
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def third(db):
    return UserFactory(username="lee", profile__display_name="Lee Park")


# --- Starting and replying ---------------------------------------------------------


def test_a_member_starts_a_conversation_from_the_form(
    member_client, member, other_member
):
    response = member_client.post(
        NEW, {"recipients": "@james", "subject": "Bonds", "body": "Hello **James**"}
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response.url == conversation.get_absolute_url()
    message = conversation.messages.get()
    assert message.body_html == "<p>Hello <strong>James</strong></p>\n"
    assert message.body_text == "Hello James"
    assert {p.member for p in conversation.participants.all()} == {member, other_member}


def test_the_profile_s_message_button_fills_in_the_recipient(member_client):
    UserFactory(username="james")
    profile = member_client.get(reverse("community:profile_detail", args=["james"]))
    assert f'href="{NEW}?to=james"' in profile.text
    form = member_client.get(f"{NEW}?to=james")
    assert 'value="@james"' in form.text


def test_an_unknown_handle_is_named_and_nothing_is_stored(member_client):
    response = member_client.post(NEW, {"recipients": "@nobody", "body": "Hi"})
    assert response.status_code == 200
    assert "There is no member @nobody." in response.text
    assert not Conversation.objects.exists()


def test_at_most_five_others_and_never_oneself(member, other_member):
    others = [UserFactory() for _ in range(6)]
    with pytest.raises(ValidationError, match="at most 5"):
        start(member, *others)
    with pytest.raises(ValidationError, match="yourself"):
        start(member, member, other_member)
    assert not Conversation.objects.exists()


def test_a_reply_notifies_the_others_and_marks_it_unread_for_them(
    member, other_member, third
):
    conversation = start(member, other_member, third)
    services.message_send(conversation=conversation, author=other_member, body="Yes")
    told = Notification.objects.filter(kind="message").values_list(
        "recipient__username", flat=True
    )
    assert sorted(told) == ["james", "lee", "lee", "maria"]
    assert Participant.objects.unread_by(member).count() == 1
    assert Participant.objects.unread_by(other_member).count() == 0


def test_opening_the_conversation_reads_it(member, other_member):
    conversation = start(member, other_member)
    client = signed_in(other_member)
    assert 'data-testid="unread-messages">1<' in client.get(INBOX).text
    page = client.get(conversation.get_absolute_url())
    assert "Can we talk about the bond measure?" in page.text
    assert 'class="post unread"' in page.text
    assert Participant.objects.unread_by(other_member).count() == 0
    assert not Notification.objects.filter(recipient=other_member, read_at=None)
    assert "unread-messages" not in client.get(INBOX).text


def test_a_reply_through_the_page_is_stored_and_shown(member, other_member):
    conversation = start(member, other_member)
    client = signed_in(other_member)
    response = client.post(conversation.get_absolute_url(), {"body": "Gladly."})
    message = Message.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == message.get_absolute_url()
    assert message.author == other_member
    assert "Gladly." in signed_in(member).get(conversation.get_absolute_url()).text


def test_an_empty_reply_says_so_and_stores_nothing(member, other_member):
    conversation = start(member, other_member)
    response = signed_in(other_member).post(
        conversation.get_absolute_url(), {"body": "  "}
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert conversation.messages.count() == 1


# --- Who sees what -----------------------------------------------------------------


def test_outsiders_and_guests_never_see_a_conversation(
    member, other_member, third, moderator_user
):
    conversation = start(member, other_member, body="secret budget numbers")
    url = conversation.get_absolute_url()
    for outsider in (third, moderator_user):
        response = signed_in(outsider).get(url)
        assert response.status_code == 404
        assert "secret budget numbers" not in response.text
        post = signed_in(outsider).post(url, {"body": "Let me in"})
        assert post.status_code == 404
    assert Client().get(url).status_code == 302  # to sign in
    assert conversation.messages.count() == 1


def test_a_report_opens_the_conversation_to_moderators_read_only(
    member, other_member, moderator_user, client
):
    conversation = start(member, other_member, body="You will regret this")
    message = conversation.messages.get()
    client.force_login(other_member)
    report_url = reverse("community:message_report", args=[message.pk])
    assert client.get(report_url).status_code == 200
    response = client.post(report_url, {"reason": "A threat"})
    assert response.status_code == 302
    report = MessageReport.objects.get()
    assert report.reporter == other_member
    moderator = signed_in(moderator_user)
    page = moderator.get(conversation.get_absolute_url())
    assert page.status_code == 200
    assert "You will regret this" in page.text
    assert "You cannot write in it." in page.text
    assert 'name="body"' not in page.text
    refused = moderator.post(conversation.get_absolute_url(), {"body": "Hi"})
    assert refused.status_code == 403
    assert conversation.messages.count() == 1


def test_the_author_cannot_report_their_own_message(member, other_member):
    message = start(member, other_member).messages.get()
    url = reverse("community:message_report", args=[message.pk])
    assert signed_in(member).get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        moderation.message_report_create(message=message, reporter=member, reason="x")


def test_a_member_who_leaves_sees_it_no_more_nor_hears_of_it(member, other_member):
    conversation = start(member, other_member, subject="Bond talk")
    client = signed_in(other_member)
    response = client.post(
        reverse("community:conversation_leave", args=[conversation.pk])
    )
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=other_member).exists()
    assert client.get(conversation.get_absolute_url()).status_code == 404
    assert "Bond talk" not in client.get(INBOX).text
    services.message_send(conversation=conversation, author=member, body="Still?")
    assert not Notification.objects.filter(recipient=other_member).exists()
    with pytest.raises(PermissionDenied):
        services.message_send(conversation=conversation, author=other_member, body="x")


# --- Blocks ------------------------------------------------------------------------


def test_no_one_starts_a_conversation_across_a_block(
    member_client, member, other_member
):
    services.block_set(blocker=other_member, blocked=member, block=True)
    response = member_client.post(NEW, {"recipients": "james", "body": "Hello?"})
    assert response.status_code == 200
    assert "You cannot message @james." in response.text
    assert "Hello?" in response.text  # kept in the form
    assert not Conversation.objects.exists()
    # Nor the other way round, with the same words.
    with pytest.raises(ValidationError, match="You cannot message @maria."):
        start(other_member, member)


def test_a_block_stops_replies_in_a_shared_conversation(member, other_member, third):
    conversation = start(member, other_member, third)
    client = signed_in(other_member)
    block_url = reverse("community:member_block", args=["maria"])
    client.post(block_url, {"block": "1", "next": conversation.get_absolute_url()})
    assert Block.objects.filter(blocker=other_member, blocked=member).exists()
    response = signed_in(member).post(conversation.get_absolute_url(), {"body": "Hm"})
    assert response.status_code == 200
    assert "You cannot message @james." in response.text
    assert conversation.messages.count() == 1
    assert not Notification.objects.filter(message__body="Hm").exists()


def test_unblocking_from_the_settings_lets_messages_through(
    member_client, member, other_member
):
    services.block_set(blocker=member, blocked=other_member, block=True)
    settings_page = member_client.get(reverse("community:settings"))
    assert "@james" in settings_page.text
    member_client.post(
        reverse("community:member_block", args=["james"]), {"block": "0"}
    )
    assert not Block.objects.exists()
    assert start(member, other_member).messages.count() == 1


def test_blocking_oneself_is_refused(member_client, member):
    response = member_client.post(
        reverse("community:member_block", args=["maria"]), {"block": "1"}
    )
    assert response.status_code == 302
    assert not Block.objects.exists()


# --- Limits ------------------------------------------------------------------------


def test_a_first_day_member_sending_too_fast_keeps_their_text(member, other_member):
    conversation = start(member, other_member)
    client = signed_in(other_member)  # joined today: 3 a minute
    for n in range(3):
        client.post(conversation.get_absolute_url(), {"body": f"Point {n}"})
    response = client.post(conversation.get_absolute_url(), {"body": "One more point"})
    assert response.status_code == 429
    assert "Nothing was sent" in response.text
    assert "One more point" in response.text
    assert response["Retry-After"]
    assert not conversation.messages.filter(body="One more point").exists()


def test_pages_are_never_kept(member_client, member, other_member):
    conversation = start(member, other_member)
    for url in (INBOX, NEW, conversation.get_absolute_url()):
        response = member_client.get(url)
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
