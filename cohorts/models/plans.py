from django.db import models
from django.utils.translation import gettext_lazy as _

from cohorts.models.cities import ParticipatingCity


class ActionPlanItem(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    city = models.ForeignKey(
        ParticipatingCity,
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="plan_items",
    )
    title = models.CharField(_("title"), max_length=200)
    owner = models.CharField(
        _("owner"), max_length=120, blank=True, help_text=_("A person or an office.")
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["city", "position", "due_on", "pk"]
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")

    def __str__(self):
        return self.title
