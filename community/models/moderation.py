from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.moments import moment_text


class Resolution(models.TextChoices):
    """How a report was closed: stored as a code, shown in the reader's language."""

    HIDDEN = "hidden", _("the post was hidden")
    RESTORED = "restored", _("the post was restored")
    DISMISSED = "dismissed", _("dismissed: nothing wrong")
    REVIEWED = "reviewed", _("reviewed")


class Flag(models.Model):
    """A member reports a post to the moderators."""

    post = models.ForeignKey(
        "community.Post",
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="flags",
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
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolved_at=None),
                name="one_open_flag_per_member_and_post",
            )
        ]

    def __str__(self):
        return gettext("Report of post %(number)s by %(reporter)s") % {
            "number": self.post_id,
            "reporter": self.reporter,
        }


class SuspensionQuerySet(models.QuerySet):
    def active(self, at=None):
        from django.utils import timezone

        return self.filter(until__gt=at or timezone.now(), lifted_at=None)


class Suspension(models.Model):
    """While active, a member reads but does not post or react."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="suspensions",
    )
    until = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted on"), null=True, blank=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")

    def __str__(self):
        return gettext("%(member)s suspended until %(date)s") % {
            "member": self.user,
            "date": moment_text(self.until),
        }


class ModerationLog(models.Model):
    class Action(models.TextChoices):
        HIDE = "hide", _("Hid a post")
        RESTORE = "restore", _("Restored a post")
        LOCK = "lock", _("Locked a thread")
        UNLOCK = "unlock", _("Unlocked a thread")
        PIN = "pin", _("Pinned a thread")
        UNPIN = "unpin", _("Unpinned a thread")
        MOVE = "move", _("Moved a thread")
        RESOLVE_FLAG = "resolve_flag", _("Resolved a flag")
        SUSPEND = "suspend", _("Suspended a member")
        AUTO_HIDE = "auto_hide", _("Hid a post after several reports")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    post = models.ForeignKey(
        "community.Post",
        verbose_name=_("post"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    thread = models.ForeignKey(
        "community.Thread",
        verbose_name=_("thread"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # What the moderator wrote; what the system adds is kept as facts in `details`
    # and said in the reader's language (`explanation`).
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

    def __str__(self):
        return f"{self.get_action_display()} ({moment_text(self.created_at)})"

    def explanation(self) -> str:
        """The moderator's reason, else what the system recorded, in the reader's
        language: the boards of a move, the reports' weight, a report's outcome."""
        if self.reason:
            return self.reason
        d = self.details
        if "from_board" in d:
            return gettext("from %(old)s to %(new)s") % {
                "old": d["from_board"],
                "new": d.get("to_board", ""),
            }
        if "report_weight" in d:
            return gettext("open reports weighing %(weight)s") % {
                "weight": number_format(d["report_weight"])
            }
        if d.get("reports_dismissed"):
            return gettext("its reports were dismissed")
        if "resolution" in d:
            outcome = _resolution_label(d["resolution"])
            if "message" in d:
                return gettext("message %(number)s: %(resolution)s") % {
                    "number": d["message"],
                    "resolution": outcome,
                }
            return outcome
        return ""


def _resolution_label(code: str) -> str:
    try:
        return str(Resolution(code).label)
    except ValueError:
        return code


def standing_columns(user) -> dict:
    """The parts of a member's standing, as columns of a query on users:
    whether an address is verified, and the longest suspension's end and
    reason. `user` is the member or OuterRef("pk")."""
    from allauth.account.models import EmailAddress

    # The database's clock (the statement's time), not a value of Python's: the
    # columns can be built once and run at any time (members.auth_backends).
    suspension = (
        Suspension.objects.active(at=Now()).filter(user=user).order_by("-until")
    )
    return {
        "standing_verified": models.Exists(
            EmailAddress.objects.filter(user=user, verified=True)
        ),
        "standing_suspended_until": models.Subquery(suspension.values("until")[:1]),
        "standing_suspension_reason": models.Subquery(suspension.values("reason")[:1]),
    }
