"""Private conversations between a few members, their messages, blocks, and
members' reports of a message to the moderators."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community.models.moderation import Resolution
from community.roles import is_moderator


class ConversationQuerySet(models.QuerySet):
    """Who may read a conversation is decided here, and only here."""

    def of_participant(self, user):
        """The conversations the member takes part in now (not those they left)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            participants__member=user, participants__left_at=None
        ).distinct()

    def visible_to(self, user):
        """Its current participants read a conversation; a moderator reads one,
        without taking part, once a message of it was reported."""
        if not user.is_authenticated:
            return self.none()
        mine = Participant.objects.filter(
            conversation=OuterRef("pk"), member=user, left_at=None
        )
        seen = Q(Exists(mine))
        if is_moderator(user):
            reported = MessageReport.objects.filter(
                message__conversation=OuterRef("pk")
            )
            seen |= Q(Exists(reported))
        return self.filter(seen)


class Conversation(models.Model):
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("last message"), db_index=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self):
        return self.subject or gettext("Conversation %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("community:conversation_detail", args=[self.pk])


class ParticipantQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_at=None)

    def with_unread(self):
        """Each with `unread`: a message came after the last one the member read."""
        newer = Message.objects.filter(
            conversation=OuterRef("conversation"),
            pk__gt=Coalesce(
                OuterRef("last_read_id"), 0, output_field=models.BigIntegerField()
            ),
        )
        return self.annotate(unread=Exists(newer))

    def unread_by(self, user):
        """The member's current conversations with a message they have not read."""
        return self.current().with_unread().filter(member=user, unread=True)


class Participant(models.Model):
    """A member in a conversation, from its start until they leave (for good: they
    are in again only in a new conversation)."""

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="conversation_participations",
    )
    joined_at = models.DateTimeField(_("joined on"), auto_now_add=True)
    left_at = models.DateTimeField(_("left on"), null=True, blank=True)
    last_read = models.ForeignKey(
        "community.Message",
        verbose_name=_("last message read"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "member"], name="one_participation_per_member"
            )
        ]
        indexes = [
            models.Index(
                fields=["member", "conversation"],
                condition=Q(left_at=None),
                name="participant_current",
            )
        ]

    def __str__(self):
        return gettext("Member %(member)s in conversation %(conversation)s") % {
            "member": self.member_id,
            "conversation": self.conversation_id,
        }


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("message"))
    body_html = models.TextField(_("text as HTML"), editable=False)
    body_text = models.TextField(_("plain text"), blank=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["conversation", "id"], name="message_order")]

    def __str__(self):
        return gettext("Message %(number)s in conversation %(conversation)s") % {
            "number": self.pk,
            "conversation": self.conversation_id,
        }

    def get_absolute_url(self) -> str:
        return reverse("community:conversation_detail", args=[self.conversation_id]) + (
            f"#message-{self.pk}"
        )


class Block(models.Model):
    """The blocker gets no more messages from the blocked member: neither starts a
    conversation with the other, nor writes where the other takes part."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member who blocks"),
        on_delete=models.CASCADE,
        related_name="blocks",
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block"),
            models.CheckConstraint(
                condition=~Q(blocker=F("blocked")), name="no_blocking_oneself"
            ),
        ]

    def __str__(self):
        return gettext("Member %(blocker)s blocks member %(blocked)s") % {
            "blocker": self.blocker_id,
            "blocked": self.blocked_id,
        }


class MessageReport(models.Model):
    """A participant reports a message to the moderators, who may then read its
    conversation."""

    message = models.ForeignKey(
        Message,
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(_("reported on"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved on"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.CharField(
        _("resolution"), max_length=20, choices=Resolution.choices, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message report")
        verbose_name_plural = _("message reports")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter"],
                condition=Q(resolved_at=None),
                name="one_open_report_per_member_and_message",
            )
        ]

    def __str__(self):
        return gettext("Report of message %(number)s by member %(reporter)s") % {
            "number": self.message_id,
            "reporter": self.reporter_id,
        }
