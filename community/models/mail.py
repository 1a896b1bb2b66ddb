"""E-mail: what each member wants, what was sent, and the weekly digest's schedule."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.moments import moment_text


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Right away")
    DIGEST = "digest", _("In the weekly digest")
    NEVER = "never", _("Never")


def _delivery(label, default):
    return models.CharField(
        label, max_length=12, choices=Delivery.choices, default=default
    )


class NotificationSettings(models.Model):
    """How a member hears of each kind of event by e-mail. A member without a row
    has the defaults: mentions, replies to them and private messages at once, the
    rest in the digest.
    The site's own notification list shows everything whatever is chosen here."""

    # The e-mail settings a one-click unsubscribe link may turn off.
    DELIVERY_FIELDS = (
        "replies_to_you",
        "mentions",
        "watched",
        "reactions",
        "moderation",
        "sessions",
        "resources",
        "messages",
    )
    SWITCH_FIELDS = ("weekly_digest", "session_reminders")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    replies_to_you = _delivery(
        _("Replies to your threads and posts"), Delivery.IMMEDIATELY
    )
    mentions = _delivery(_("Mentions of you"), Delivery.IMMEDIATELY)
    watched = _delivery(_("New posts in threads and boards you watch"), Delivery.DIGEST)
    reactions = _delivery(_("Reactions to your posts"), Delivery.DIGEST)
    moderation = _delivery(_("Moderators' actions on your posts"), Delivery.DIGEST)
    sessions = _delivery(_("New sessions in your cohorts"), Delivery.DIGEST)
    resources = _delivery(
        _("New library resources in topics you follow"), Delivery.DIGEST
    )
    messages = _delivery(_("Private messages to you"), Delivery.IMMEDIATELY)
    weekly_digest = models.BooleanField(_("The weekly digest"), default=True)
    session_reminders = models.BooleanField(
        _("A reminder the day before each session of your cohorts"), default=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return gettext("Notification settings of %(member)s") % {"member": self.user}

    @classmethod
    def of(cls, user) -> "NotificationSettings":
        """The member's settings, or the defaults (unsaved) if they never chose."""
        return cls.objects.filter(user=user).first() or cls(user=user)

    @classmethod
    def label_of(cls, name: str) -> str:
        if name not in cls.DELIVERY_FIELDS + cls.SWITCH_FIELDS:
            raise LookupError(name)
        return str(cls._meta.get_field(name).verbose_name)


class OutgoingEmail(models.Model):
    """One e-mail to one member, recorded before it is sent. Its unique key names the
    event, so the same event never makes a second e-mail; the delivery task sends
    only a queued one and records the outcome."""

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("Notification")
        DIGEST = "digest", _("Weekly digest")
        REMINDER = "reminder", _("Session reminder")
        ACCOUNT = "account", _("Account (sign-up, password, address)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outgoing_emails",
        help_text=_("Empty for an account e-mail to an address of no account."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    key = models.CharField(_("event"), max_length=120, unique=True)
    notification = models.ForeignKey(
        "community.Notification",
        verbose_name=_("notification"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
    )
    session = models.ForeignKey(
        "cohorts.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    period_start = models.DateTimeField(_("digest from"), null=True, blank=True)
    period_end = models.DateTimeField(_("digest until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sending_since = models.DateTimeField(_("being sent since"), null=True, blank=True)
    maybe_twice = models.BooleanField(
        _("may have arrived twice"),
        default=False,
        help_text=_(
            "A worker stopped while handing it to the mail server, so it was sent "
            "again; with the same Message-ID, mail programs show it once."
        ),
    )
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("reason"), blank=True)
    to_address = models.CharField(_("to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)
    # An account e-mail is written when its event happens (its links hold one-time
    # keys), kept only until it is sent, and never shown in the admin.
    body_text = models.TextField(_("plain text"), blank=True, editable=False)
    body_html = models.TextField(_("text as HTML"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="queued"),
                name="email_due",
            ),
            models.Index(
                fields=["recipient", "kind", "-period_end"], name="email_digests"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="digest")
                | Q(period_start__isnull=False, period_end__isnull=False),
                name="digest_has_period",
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | Q(kind="account"),
                name="only_account_email_without_member",
            ),
            models.CheckConstraint(
                condition=~Q(kind="account") | ~Q(to_address=""),
                name="account_email_has_address",
            ),
        ]

    def __str__(self):
        # Without the recipient's row: lists name many e-mails at once.
        return self.subject or f"{self.get_kind_display()} ({self.key})"


class DigestSchedule(models.Model):
    """When the weekly digest goes out, in the site's time zone (one row)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    weekday = models.PositiveSmallIntegerField(
        _("day"), choices=Weekday.choices, default=Weekday.TUESDAY
    )
    hour = models.PositiveSmallIntegerField(
        _("hour"),
        default=8,
        help_text=format_lazy(
            _("0 to 23, in the site's time zone ({zone})."), zone=settings.TIME_ZONE
        ),
    )

    class Meta:
        verbose_name = _("digest schedule")
        verbose_name_plural = _("digest schedule")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="one_digest_schedule"),
            models.CheckConstraint(
                condition=Q(hour__gte=0, hour__lte=23), name="digest_hour_of_day"
            ),
        ]

    def __str__(self):
        # Not a time object: shown back with a form's errors, the hour may be 24.
        return str(_EVERY[self.weekday]) % {"time": f"{self.hour:02d}:00"}

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def clean(self):
        if self.hour is not None and not 0 <= self.hour <= 23:
            raise ValidationError({"hour": _("Choose an hour from 0 to 23.")})

    @classmethod
    def load(cls) -> "DigestSchedule":
        schedule, _created = cls.objects.get_or_create(pk=1)
        return schedule


# The schedule as a sentence, one per day: a weekday's name is written differently
# inside a sentence than alone in a list ("todos los martes", "Martes").
_EVERY = {
    DigestSchedule.Weekday.MONDAY: _("Every Monday at %(time)s"),
    DigestSchedule.Weekday.TUESDAY: _("Every Tuesday at %(time)s"),
    DigestSchedule.Weekday.WEDNESDAY: _("Every Wednesday at %(time)s"),
    DigestSchedule.Weekday.THURSDAY: _("Every Thursday at %(time)s"),
    DigestSchedule.Weekday.FRIDAY: _("Every Friday at %(time)s"),
    DigestSchedule.Weekday.SATURDAY: _("Every Saturday at %(time)s"),
    DigestSchedule.Weekday.SUNDAY: _("Every Sunday at %(time)s"),
}


class Checkpoint(models.Model):
    """How far a periodic job has looked (e.g. new sessions announced until when)."""

    name = models.CharField(_("job"), max_length=60, unique=True)
    reached_at = models.DateTimeField(_("looked until"))

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")

    def __str__(self):
        return f"{self.name}: {moment_text(self.reached_at)}"


class DataExport(models.Model):
    """A member downloaded their data (limited to one a day)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(
        _("downloaded on"), auto_now_add=True, db_index=True
    )

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")

    def __str__(self):
        return gettext("Data of %(member)s, downloaded on %(date)s") % {
            "member": self.user,
            "date": moment_text(self.created_at),
        }
