"""What happened in a cohort, as a funder would ask: who answered and came to each
session, and which milestones each city reached."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models.cities import ParticipatingCity
from cohorts.models.program import Program
from cohorts.models.sessions import Session
from core.translated import spanish_char

MILESTONE_IN_FUTURE = _("A milestone cannot be dated in the future.")
MILESTONE_BEFORE_COHORT = _(
    "A milestone cannot be dated before the cohort began (%(start)s)."
)
MILESTONE_KIND_OF_OTHER_PROGRAM = _(
    "This kind of milestone belongs to another program."
)


class SessionResponse(models.Model):
    """One person's answer to one session, and whether they came. Kept by user
    and city, not by membership, so a person who later leaves the cohort still
    counts in what their city attended."""

    class Answer(models.TextChoices):
        GOING = "going", _("Going")
        MAYBE = "maybe", _("Maybe")
        NOT_GOING = "not_going", _("Not going")

    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="session_responses",
    )
    city = models.ForeignKey(
        ParticipatingCity,
        verbose_name=_("city"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session_responses",
        help_text=_("The city the person worked for then; none for coaches and staff."),
    )
    answer = models.CharField(
        _("answer"), max_length=12, choices=Answer.choices, blank=True
    )
    attended = models.BooleanField(
        _("attended"),
        null=True,
        blank=True,
        help_text=_("Recorded by program staff after the session; empty until then."),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("session response")
        verbose_name_plural = _("session responses")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                name="one_response_per_person_and_session",
                violation_error_message=_("This person already answered."),
            ),
            models.CheckConstraint(
                condition=Q(answer__in=["", "going", "maybe", "not_going"]),
                name="session_response_answer_known",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "session"], name="response_user_session"),
        ]

    def __str__(self):
        return f"{self.user} – {self.session}"


class MilestoneKind(models.Model):
    """A kind of milestone that program staff define for their program, e.g.
    "Racial equity resolution adopted by council"."""

    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="milestone_kinds",
    )
    name = models.CharField(_("name"), max_length=120)
    name_es = spanish_char(_("name in Spanish"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["program", "position", "name"]
        verbose_name = _("milestone kind")
        verbose_name_plural = _("milestone kinds")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "name"],
                name="milestone_kind_named_once_per_program",
                violation_error_message=_("This program already has this milestone."),
            )
        ]

    def __str__(self):
        return self.name


class Milestone(models.Model):
    """A milestone a city reached, with its date and where the evidence is."""

    city = models.ForeignKey(
        ParticipatingCity,
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    kind = models.ForeignKey(
        MilestoneKind,
        verbose_name=_("milestone"),
        on_delete=models.PROTECT,
        related_name="milestones",
    )
    reached_on = models.DateField(_("reached on"))
    evidence_url = models.URLField(
        _("evidence"),
        blank=True,
        help_text=_("A link to the resolution, the minutes, a news story…"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["city", "reached_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "kind"],
                name="city_reaches_a_milestone_once",
                violation_error_message=_("This city already reached this milestone."),
            )
        ]

    def __str__(self):
        return f"{self.kind} ({self.city})"

    def get_absolute_url(self):
        cohort = self.city.cohort
        return reverse("cohorts:cohort_detail", args=[cohort.program.slug, cohort.slug])

    def clean(self):
        super().clean()
        errors = {}
        if self.reached_on:
            if self.reached_on > timezone.localdate():
                errors["reached_on"] = MILESTONE_IN_FUTURE
            elif self.city_id and self.reached_on < self.city.cohort.starts_on:
                errors["reached_on"] = ValidationError(
                    MILESTONE_BEFORE_COHORT,
                    params={"start": self.city.cohort.starts_on.isoformat()},
                )
        if (
            self.kind_id
            and self.city_id
            and self.kind.program_id != self.city.cohort.program_id
        ):
            errors["kind"] = MILESTONE_KIND_OF_OTHER_PROGRAM
        if errors:
            raise ValidationError(errors)
