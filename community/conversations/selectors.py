"""What the conversation pages read: a fixed number of queries whatever the
number of conversations, messages or participants."""

from django.db.models import BigIntegerField, Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from community.models import Block, Conversation, Message, Participant


def _people():
    return Participant.objects.select_related("member__profile").order_by("pk")


def inbox(user):
    """The member's current conversations, newest first, each with `unread`, the
    latest message's text and author, and its participants (one query more)."""
    mine = Participant.objects.filter(
        conversation=OuterRef("pk"), member=user, left_at=None
    )
    latest = Message.objects.filter(conversation=OuterRef("pk")).order_by("-pk")
    return (
        Conversation.objects.filter(Exists(mine))
        .annotate(
            read_up_to=Coalesce(
                Subquery(mine.values("last_read_id")[:1]),
                0,
                output_field=BigIntegerField(),
            ),
            latest_text=Subquery(latest.values("body_text")[:1]),
            latest_author=Subquery(latest.values("author__username")[:1]),
        )
        .annotate(
            unread=Exists(
                Message.objects.filter(
                    conversation=OuterRef("pk"), pk__gt=OuterRef("read_up_to")
                )
            )
        )
        .prefetch_related(Prefetch("participants", queryset=_people()))
        .order_by("-last_message_at", "-pk")
    )


def conversation_for(user, pk: int) -> Conversation | None:
    """The conversation if the member may read it, with its participants."""
    return (
        Conversation.objects.visible_to(user)
        .prefetch_related(Prefetch("participants", queryset=_people()))
        .filter(pk=pk)
        .first()
    )


def messages_of(conversation: Conversation):
    return conversation.messages.select_related("author__profile").order_by(
        "created_at", "pk"
    )


def blocked_ids(user, others) -> set[int]:
    """Which of the others the member has blocked (their own blocks only)."""
    return set(
        Block.objects.filter(
            blocker=user, blocked__in=[other.pk for other in others]
        ).values_list("blocked_id", flat=True)
    )
