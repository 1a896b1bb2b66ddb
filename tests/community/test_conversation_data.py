"""Private conversations in a member's data export, and when an account closes."""

import io
import json
import zipfile

import pytest

from community.conversations import services
from community.members.account import account_anonymize
from community.models import Block, Message, Participant
from tests.client import Client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_export_holds_the_messages_written_and_received_while_in_it(
    member_client, member, other_member
):
    third = UserFactory(username="lee")
    kept = services.conversation_start(
        author=other_member, recipients=[member], subject="Bonds", body="Hi Maria"
    )
    services.message_send(conversation=kept, author=member, body="Hi James")
    left = services.conversation_start(
        author=member, recipients=[other_member], body="Before I left"
    )
    services.conversation_leave(conversation=left, member=member)
    services.message_send(conversation=left, author=other_member, body="After she left")
    services.conversation_start(
        author=other_member, recipients=[third], body="Not hers at all"
    )
    response = member_client.post("/community/settings/export/")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    talks = data["conversations"]
    assert [c["subject"] for c in talks] == ["Bonds", ""]
    assert [m["text"] for m in talks[0]["messages"]] == ["Hi Maria", "Hi James"]
    assert talks[0]["members"] == ["james", "maria"]
    assert [m["text"] for m in talks[1]["messages"]] == ["Before I left"]
    assert talks[1]["left"] is not None
    raw = archive.read("data.json").decode()
    assert "After she left" not in raw
    assert "Not hers at all" not in raw


def test_closing_an_account_keeps_messages_under_the_former_member_handle(
    member, other_member
):
    conversation = services.conversation_start(
        author=member, recipients=[other_member], body="My words stay"
    )
    services.message_send(conversation=conversation, author=other_member, body="Ok")
    services.block_set(blocker=member, blocked=UserFactory(), block=True)
    services.block_set(blocker=other_member, blocked=member, block=True)
    account_anonymize(user=member)
    message = Message.objects.get(body="My words stay")
    assert message.author == member
    assert not Block.objects.exists()
    mine = Participant.objects.get(member=member)
    assert mine.last_read is None
    assert mine.left_at is not None
    reader = Client()
    reader.force_login(other_member)
    page = reader.get(conversation.get_absolute_url()).text
    assert f"former-member-{member.pk}" in page
    assert "Maria Lopez" not in page
    assert "My words stay" in page
