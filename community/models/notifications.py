from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("New post in a thread you watch")
        NEW_THREAD = "new_thread", _("New thread in a board you watch")
        REPLY_TO_YOU = "reply_to_you", _("Reply to your thread or post")
        MENTION = "mention", _("Mention")
        REACTION = "reaction", _("Reaction to your post")
        MODERATION = "moderation", _("Moderator action on your post")
        SESSION = "session", _("New session in your cohort")
        RESOURCE = "resource", _("New resource in a topic you follow")

    # Which e-mail setting (NotificationSettings field) decides each kind.
    SETTING_OF = {
        Kind.REPLY: "watched",
        Kind.NEW_THREAD: "watched",
        Kind.REPLY_TO_YOU: "replies_to_you",
        Kind.MENTION: "mentions",
        Kind.REACTION: "reactions",
        Kind.MODERATION: "moderation",
        Kind.SESSION: "sessions",
        Kind.RESOURCE: "resources",
    }

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    post = models.ForeignKey(
        "community.Post", on_delete=models.CASCADE, null=True, blank=True
    )
    session = models.ForeignKey(
        "cohorts.Session", on_delete=models.CASCADE, null=True, blank=True
    )
    resource = models.ForeignKey(
        "resources.Resource", on_delete=models.CASCADE, null=True, blank=True
    )
    message = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread")
        ]

    def __str__(self):
        return self.message

    @property
    def setting(self) -> str:
        return self.SETTING_OF[self.kind]
