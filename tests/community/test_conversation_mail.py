"""Private messages heard of as each member chose: right away, in the digest,
never; and never by a member who left the conversation."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from community.conversations import services
from community.members.account import setting_set
from community.models import Notification, OutgoingEmail
from community.notifications.digest import digest_sections
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def start(run_tasks, author, *recipients, body="About the bond measure", **kwargs):
    return run_tasks(
        services.conversation_start,
        author=author,
        recipients=list(recipients),
        body=body,
        **kwargs,
    )


def test_a_message_reaches_the_recipient_s_inbox_right_away(
    member, other_member, run_tasks
):
    conversation = start(
        run_tasks, member, other_member, subject="Bonds", body="Call me **today**"
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["james@example.org"]
    assert message.subject == "[Equity Commons] Bonds"
    assert "@maria sent you a message: “Bonds”" in message.body
    assert "Call me today" in message.body
    url = f"http://127.0.0.1:8000/community/messages/{conversation.pk}/"
    assert url in message.body
    assert "<strong>today</strong>" in message.alternatives[0][0]
    thread = f"<conversation-{conversation.pk}@127.0.0.1>"
    assert message.extra_headers["In-Reply-To"] == thread


def test_never_means_no_e_mail_but_the_site_still_tells(
    member, other_member, run_tasks
):
    setting_set(user=other_member, name="messages", value="never")
    start(run_tasks, member, other_member)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=other_member, kind="message").exists()


def test_digest_gathers_messages_without_their_text(member, other_member, run_tasks):
    setting_set(user=other_member, name="messages", value="digest")
    start(run_tasks, member, other_member, subject="Bonds", body="secret numbers")
    assert mail.outbox == []
    now = timezone.now()
    sections = digest_sections(
        other_member, since=now - timedelta(days=7), until=now + timedelta(seconds=1)
    )
    section = next(s for s in sections if s.key == "messages")
    assert [item.title for item in section.items] == [
        "@maria sent you a message: “Bonds”"
    ]
    assert "secret" not in str(sections)


def test_a_member_who_left_before_the_e_mail_went_gets_none(
    member, other_member, run_tasks
):
    conversation = services.conversation_start(
        author=member, recipients=[other_member], body="Hello"
    )  # its e-mail is queued, not yet sent
    services.conversation_leave(conversation=conversation, member=other_member)
    run_tasks(lambda: None)
    assert mail.outbox == []
    assert not Notification.objects.filter(recipient=other_member).exists()
    # The e-mail row went with the notification (nothing to tell).
    assert not OutgoingEmail.objects.filter(recipient=other_member).exists()


def test_the_notification_list_names_the_sender_and_subject(
    member, other_member, client
):
    services.conversation_start(
        author=member, recipients=[other_member], subject="Bonds", body="secret"
    )
    client.force_login(other_member)
    page = client.get("/community/notifications/").text
    assert "@maria sent you a message: “Bonds”" in page
    assert "secret" not in page


def test_a_closed_account_hears_nothing(member, run_tasks):
    closed = UserFactory(username="gone", is_active=False)
    with pytest.raises(ValidationError):
        start(run_tasks, member, closed)
    assert mail.outbox == []
