from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community.models.posts import Post
from core.translated import shown


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("New post in a thread you watch")
        NEW_THREAD = "new_thread", _("New thread in a board you watch")
        REPLY_TO_YOU = "reply_to_you", _("Reply to your thread or post")
        MENTION = "mention", _("Mention")
        REACTION = "reaction", _("Reaction to your post")
        ANSWER = "answer", _("Your reply marked as the answer")
        MODERATION = "moderation", _("Moderator hid your post")
        RESTORED = "restored", _("Moderator restored your post")
        SESSION = "session", _("New session in your cohort")
        RESOURCE = "resource", _("New resource in a topic you follow")
        MESSAGE = "message", _("New message in a conversation")

    # Which e-mail setting (NotificationSettings field) decides each kind.
    SETTING_OF = {
        Kind.REPLY: "watched",
        Kind.NEW_THREAD: "watched",
        Kind.REPLY_TO_YOU: "replies_to_you",
        Kind.MENTION: "mentions",
        Kind.REACTION: "reactions",
        Kind.ANSWER: "replies_to_you",
        Kind.MODERATION: "moderation",
        Kind.RESTORED: "moderation",
        Kind.SESSION: "sessions",
        Kind.RESOURCE: "resources",
        Kind.MESSAGE: "messages",
    }

    # The sentence of each kind about a post (text); the others are written there.
    _SENTENCES = {
        Kind.MENTION: _("%(name)s mentioned you in “%(title)s”"),
        Kind.NEW_THREAD: _("%(name)s started “%(title)s” in %(board)s"),
        Kind.REPLY_TO_YOU: _("%(name)s replied to you in “%(title)s”"),
        Kind.REPLY: _("%(name)s posted in “%(title)s”"),
        Kind.REACTION: _("%(name)s found your post %(reaction)s in “%(title)s”"),
        Kind.ANSWER: _("%(name)s marked your reply as the answer in “%(title)s”"),
        Kind.MODERATION: _("A moderator hid your post in “%(title)s”: %(reason)s"),
        Kind.RESTORED: _("A moderator restored your post in “%(title)s”."),
    }

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who acted"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    post = models.ForeignKey(
        "community.Post",
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    session = models.ForeignKey(
        "cohorts.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    resource = models.ForeignKey(
        "resources.Resource",
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    message = models.ForeignKey(
        "community.Message",
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    # What else the sentence needs: a moderator's reason, a reaction's kind.
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read on"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread")
        ]
        constraints = [
            # Each kind is about exactly one thing: a post, a session, a resource
            # or a message.
            models.CheckConstraint(
                condition=(
                    (
                        ~Q(kind__in=["session", "resource", "message"])
                        & Q(post__isnull=False, session=None, resource=None)
                        & Q(message=None)
                    )
                    | (
                        Q(kind="session", post=None, session__isnull=False)
                        & Q(resource=None, message=None)
                    )
                    | (
                        Q(kind="resource", post=None, session=None)
                        & Q(resource__isnull=False, message=None)
                    )
                    | (
                        Q(kind="message", post=None, session=None, resource=None)
                        & Q(message__isnull=False)
                    )
                ),
                name="notification_about_one_thing",
            )
        ]

    def __str__(self):
        # Cheap, for the admin's lists of related objects; members read .text.
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        about = self.post or self.session or self.resource or self.message
        return about.get_absolute_url()

    @property
    def text(self) -> str:
        """The sentence shown for it, written now, in the active language, from
        what it is about as it is now (a renamed thread shows its new title).
        Needs actor, post.thread.board, session.cohort, resource or
        message.conversation loaded."""
        if self.kind == self.Kind.SESSION:
            session = self.session
            return gettext("New session in the %(cohort)s: %(title)s, %(date)s") % {
                "cohort": shown(session.cohort, "name").text,
                "title": shown(session, "title").text,
                "date": date_format(
                    localtime(session.starts_at, session.zone), "DATE_FORMAT"
                ),
            }
        if self.kind == self.Kind.RESOURCE:
            return gettext("New in the library: %(title)s") % {
                "title": shown(self.resource, "title").text
            }
        if self.kind == self.Kind.MESSAGE:
            return self._message_text()
        thread = self.post.thread
        values = {
            "name": f"@{self.actor.get_username()}"
            if self.actor
            else gettext("A former member"),
            "title": thread.title,
            "board": thread.board.name,
            "reason": self.detail,
        }
        if self.kind == self.Kind.REACTION:
            label = dict(Post.Reactions.choices).get(self.detail, "")
            values["reaction"] = str(label).lower()
        return self._SENTENCES[self.kind] % values

    def _message_text(self) -> str:
        # Never the message's text: only who wrote, and the subject (a recipient
        # who leaves the conversation loses its notifications, subject and all).
        former = gettext("A former member")
        name = f"@{self.actor.get_username()}" if self.actor else former
        subject = self.message.conversation.subject
        if subject:
            return gettext("%(name)s sent you a message: “%(subject)s”") % {
                "name": name,
                "subject": subject,
            }
        return gettext("%(name)s sent you a message") % {"name": name}

    @property
    def setting(self) -> str:
        return self.SETTING_OF[self.kind]
