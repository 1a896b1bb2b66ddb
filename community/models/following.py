from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class WatchLevel(models.TextChoices):
    WATCHING = "watching", _("Watching")
    NORMAL = "normal", _("Normal")
    MUTED = "muted", _("Muted")

    @property
    def explanation(self) -> str:
        return str(WATCH_EXPLANATIONS[self])


WATCH_EXPLANATIONS = {
    WatchLevel.WATCHING: _("Every new post."),
    WatchLevel.NORMAL: _("Replies to you and mentions of you."),
    WatchLevel.MUTED: _("Nothing at all."),
}


def _level():
    return models.CharField(
        _("watching level"),
        max_length=8,
        choices=WatchLevel.choices,
        default=WatchLevel.WATCHING,
    )


class ThreadFollow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    thread = models.ForeignKey(
        "community.Thread",
        verbose_name=_("thread"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    level = _level()
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        verbose_name = _("thread follow")
        verbose_name_plural = _("thread follows")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "thread"], name="follow_thread_once"
            )
        ]

    def __str__(self):
        return gettext("%(member)s follows the thread “%(thread)s”") % {
            "member": self.user,
            "thread": self.thread,
        }


class BoardFollow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    board = models.ForeignKey(
        "community.Board",
        verbose_name=_("board"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    level = _level()
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        verbose_name = _("board follow")
        verbose_name_plural = _("board follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "board"], name="follow_board_once")
        ]

    def __str__(self):
        return gettext("%(member)s follows the board “%(board)s”") % {
            "member": self.user,
            "board": self.board,
        }


class TopicFollow(models.Model):
    """A member follows a topic of the library (a tag)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    tag = models.ForeignKey(
        "taggit.Tag",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="followers",
    )
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        verbose_name = _("topic follow")
        verbose_name_plural = _("topic follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "tag"], name="follow_topic_once")
        ]

    def __str__(self):
        return gettext("%(member)s follows the topic “%(topic)s”") % {
            "member": self.user,
            "topic": self.tag,
        }


class ReadState(models.Model):
    """How far into a thread this member has read: read_up_to is the number
    (pk) of the newest post they have seen; every post with a higher number
    is new to them. A number, not a link to the post: a post deleted since
    leaves the mark where it was."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    thread = models.ForeignKey(
        "community.Thread",
        verbose_name=_("thread"),
        on_delete=models.CASCADE,
        related_name="read_states",
    )
    read_up_to = models.BigIntegerField(_("read up to post"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("read mark")
        verbose_name_plural = _("read marks")
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="read_state_once")
        ]

    def __str__(self):
        return gettext("%(member)s read “%(thread)s” up to post %(number)s") % {
            "member": self.user,
            "thread": self.thread,
            "number": self.read_up_to,
        }
