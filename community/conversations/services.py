"""Writes of private conversations: starting one, replying, reading, leaving,
blocking a member. Who hears of a message is told by notify (notifications);
reports of a message are moderation.py."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.discussions.permissions import require_writer
from community.models import (
    Block,
    Conversation,
    Message,
    Notification,
    Participant,
)
from community.notifications.services import notify
from core.markdown import plain_text, render_markdown

MAX_OTHERS = 5
EMPTY_BODY = _("Write a message before sending.")
NO_RECIPIENT = _("Name at least one member to write to, by their @handle.")
TOO_MANY = _("A conversation takes at most %(max)s other members.")
NOT_YOURSELF = _("You cannot start a conversation with yourself.")
# The same words whoever blocked whom, so a block tells nothing more.
CANNOT_MESSAGE = _("You cannot message @%(handle)s.")
LEFT = _("You left this conversation: start a new one to write again.")
NOT_A_PARTICIPANT = _("Only the conversation's members can do this.")


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": EMPTY_BODY})
    return body


def blocked_among(member, others) -> object | None:
    """The first of the others whom the member blocked or who blocked them."""
    ids = [other.pk for other in others]
    if not ids:
        return None
    found = (
        Block.objects.filter(
            Q(blocker=member, blocked__in=ids) | Q(blocked=member, blocker__in=ids)
        )
        .values_list("blocker_id", "blocked_id")
        .first()
    )
    if found is None:
        return None
    other_id = found[1] if found[0] == member.pk else found[0]
    return next(other for other in others if other.pk == other_id)


def _refuse_blocked(member, others) -> None:
    other = blocked_among(member, others)
    if other is not None:
        raise ValidationError(CANNOT_MESSAGE % {"handle": other.get_username()})


def _message_save(*, conversation: Conversation, author, body: str) -> Message:
    message = Message(conversation=conversation, author=author, body=body)
    # Rendered once: plain Markdown, without mentions (a conversation is no place
    # to call in someone who is not in it).
    message.body_html = render_markdown(body)
    message.body_text = plain_text(message.body_html)
    message.full_clean()
    message.save()
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=message.created_at
    )
    Participant.objects.filter(conversation=conversation, member=author).update(
        last_read=message
    )
    return message


def _tell(message: Message, recipients) -> None:
    notify(
        recipients=recipients,
        kind=Notification.Kind.MESSAGE,
        actor=message.author,
        message=message,
    )


@transaction.atomic
def conversation_start(
    *, author, recipients, subject: str = "", body: str
) -> Conversation:
    """A new conversation between the author and the recipients (active members
    other than the author, neither blocked nor blocking), with its first message."""
    require_writer(author)
    others = list({user.pk: user for user in recipients}.values())
    if any(user.pk == author.pk for user in others):
        raise ValidationError({"recipients": NOT_YOURSELF})
    if not others:
        raise ValidationError({"recipients": NO_RECIPIENT})
    if len(others) > MAX_OTHERS:
        raise ValidationError({"recipients": TOO_MANY % {"max": MAX_OTHERS}})
    if any(not user.is_active for user in others):
        raise ValidationError({"recipients": NO_RECIPIENT})
    body = _clean_body(body)
    try:
        _refuse_blocked(author, others)
    except ValidationError as error:
        raise ValidationError({"recipients": error.messages}) from error
    conversation = Conversation(
        subject=" ".join((subject or "").split()), last_message_at=timezone.now()
    )
    conversation.full_clean()
    conversation.save()
    Participant.objects.bulk_create(
        Participant(conversation=conversation, member=user)
        for user in [author, *others]
    )
    message = _message_save(conversation=conversation, author=author, body=body)
    _tell(message, others)
    return conversation


def participation(conversation: Conversation, member) -> Participant | None:
    """The member's current place in the conversation, if they have one."""
    if not member.is_authenticated:
        return None
    return (
        Participant.objects.current()
        .filter(conversation=conversation, member=member)
        .first()
    )


@transaction.atomic
def message_send(*, conversation: Conversation, author, body: str) -> Message:
    """A reply from a current participant, unless another current participant
    blocked them (or they blocked one)."""
    require_writer(author)
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if participation(conversation, author) is None:
        raise PermissionDenied(LEFT)
    body = _clean_body(body)
    others = [
        p.member
        for p in Participant.objects.current()
        .filter(conversation=conversation)
        .exclude(member=author)
        .select_related("member")
    ]
    _refuse_blocked(author, others)
    message = _message_save(conversation=conversation, author=author, body=body)
    _tell(message, others)
    return message


def conversation_read(*, conversation: Conversation, member, up_to: Message) -> None:
    """The member has read the conversation up to this message."""
    Participant.objects.current().filter(
        Q(last_read=None) | Q(last_read_id__lt=up_to.pk),
        conversation=conversation,
        member=member,
    ).update(last_read=up_to)
    # What told them of these messages is read as well.
    Notification.objects.filter(
        recipient=member,
        kind=Notification.Kind.MESSAGE,
        message__conversation=conversation,
        message__pk__lte=up_to.pk,
        read_at=None,
    ).update(read_at=timezone.now())


@transaction.atomic
def conversation_leave(*, conversation: Conversation, member) -> None:
    """The member leaves for good: they no longer read it nor hear of it, and the
    notifications that named it go."""
    left = (
        Participant.objects.current()
        .filter(conversation=conversation, member=member)
        .update(left_at=timezone.now(), last_read=None)
    )
    if not left:
        raise PermissionDenied(NOT_A_PARTICIPANT)
    Notification.objects.filter(
        recipient=member, message__conversation=conversation
    ).delete()


def block_set(*, blocker, blocked, block: bool) -> bool:
    """Block or unblock a member; return whether the block is on."""
    if blocker.pk == blocked.pk:
        raise ValidationError(_("You cannot block yourself."))
    if block:
        Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    else:
        Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    return block
