"""The query budgets' world, continued: maria's private conversations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from community.conversations import services
from community.models import Block, Message, MessageReport, Participant

if TYPE_CHECKING:
    from tests.query_budgets.world import Parts, World


def build_conversations(w: World, p: Parts) -> None:
    """n conversations of maria's, each with n messages; the first with every
    other member in it (more than a new one may take), a reported message, and
    one left by its last member; n members she blocked."""
    n, member, others = w.size, w.member, w.others
    conversations = [
        services.conversation_start(
            author=others[i], recipients=[member], subject=f"Talk {i}", body="Hello"
        )
        for i in range(n)
    ]
    w.conversation = conversation = conversations[0]
    Participant.objects.bulk_create(
        Participant(conversation=conversation, member=other) for other in others[1:]
    )
    Participant.objects.filter(conversation=conversation, member=others[-1]).update(
        left_at=p.now
    )
    for talk in conversations:
        for i in range(n):
            author = member if i % 3 == 0 else others[i % len(others)]
            Message.objects.create(
                conversation=talk,
                author=author,
                body=f"Point {i}",
                body_html="<p>.</p>",
            )
    w.message = conversation.messages.exclude(author=member).last()
    MessageReport.objects.bulk_create(
        MessageReport(message=message, reporter=member, reason="Rude")
        for message in conversation.messages.exclude(author=member)[:n]
    )
    Block.objects.bulk_create(Block(blocker=member, blocked=other) for other in others)
    # Blocked after the conversations began: they still read them.
