from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models.cities import ParticipatingCity
from cohorts.models.program import (
    CITY_NOT_IN_COHORT,
    Cohort,
    CohortMembership,
    is_program_staff,
)
from cohorts.models.timezones import validate_time_zone
from core.markdown import plain_text, render_markdown
from core.translated import spanish_char

ENDS_BEFORE_START = _("A session must end after it starts.")
SITE_VISIT_NEEDS_HOST = _("A site visit needs a host city.")
ONLY_COACHING_FOR_CITY = _("Only a coaching call can be for one city.")


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sessions this viewer may know of: a coaching call for one city is seen
        only by that city's people, the cohort's coaches and program staff."""
        cohort_wide = Q(for_city__isnull=True)
        if not user.is_authenticated:
            return self.filter(cohort_wide)
        if is_program_staff(user):
            return self
        mine = CohortMembership.objects.filter(user=user, cohort=OuterRef("cohort"))
        return self.filter(
            cohort_wide
            | Exists(mine.filter(role__in=CohortMembership.COHORT_WIDE_ROLES))
            | Exists(mine.filter(city=OuterRef("for_city")))
        )

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")

    def for_listing(self):
        return self.select_related(
            "cohort__program", "host_city__city", "for_city__city"
        )


def details_text(agenda_html: str, notes_html: str) -> str:
    """A session's agenda and notes as plain text (Session.details_text)."""
    texts = (plain_text(agenda_html), plain_text(notes_html))
    return "\n\n".join(text for text in texts if text)


class Session(models.Model):
    class Kind(models.TextChoices):
        CONVENING = "convening", _("Cross-site convening")
        SITE_VISIT = "site_visit", _("Site visit")
        ACADEMY = "academy", _("Leadership academy")
        COACHING_CALL = "coaching_call", _("Coaching call")
        WEBINAR = "webinar", _("Webinar")

    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    title_es = spanish_char(_("title in Spanish"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text=_("Start and end are in this time zone, e.g. America/Los_Angeles."),
    )
    is_illustrative = models.BooleanField(
        _("date is illustrative"),
        default=False,
        help_text=_("The date is a placeholder until the program confirms it."),
    )
    host_city = models.ForeignKey(
        ParticipatingCity,
        verbose_name=_("host city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_sessions",
        help_text=_("Required for a site visit."),
    )
    for_city = models.ForeignKey(
        ParticipatingCity,
        verbose_name=_("only for this city"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="city_sessions",
        help_text=_(
            "A coaching call for one city: only its people, coaches and staff see it."
        ),
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    agenda_html = models.TextField(_("agenda as HTML"), blank=True, editable=False)
    materials = models.ManyToManyField(
        "resources.Resource",
        verbose_name=_("materials"),
        blank=True,
        related_name="sessions",
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Kept on the schedule, marked cancelled; no reminders or answers."),
    )
    recording_url = models.URLField(_("recording"), blank=True)
    notes = models.TextField(
        _("notes afterwards"), blank=True, help_text=_("Markdown.")
    )
    notes_html = models.TextField(_("notes as HTML"), blank=True, editable=False)
    # What a search shows around the words it found in the agenda and notes
    # (cohorts/search.py): their text as read, without a Markdown sign.
    details_text = models.TextField(
        _("agenda and notes as text"), blank=True, editable=False
    )
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, editable=False, db_index=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The words the site search finds a session by (cohorts/search.py), kept by
    # the database rather than made for every session on every search: its
    # title for everyone; its agenda, notes and place for its cohort's own.
    title_vector = models.GeneratedField(
        verbose_name=_("search index of the title"),
        expression=SearchVector("title", weight="A", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    details_vector = models.GeneratedField(
        verbose_name=_("search index of the details"),
        expression=SearchVector("agenda", weight="B", config="english")
        + SearchVector("notes", weight="B", config="english")
        + SearchVector("location", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [
            models.Index(fields=["cohort", "starts_at"], name="session_cohort_order")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=ENDS_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=~Q(kind="site_visit") | Q(host_city__isnull=False),
                name="site_visit_has_host_city",
                violation_error_message=SITE_VISIT_NEEDS_HOST,
            ),
            models.CheckConstraint(
                condition=Q(kind="coaching_call") | Q(for_city__isnull=True),
                name="only_coaching_calls_for_one_city",
                violation_error_message=ONLY_COACHING_FOR_CITY,
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Rendered once here, so every write path (admin, seed, copy) stores it.
        self.agenda_html = render_markdown(self.agenda) if self.agenda else ""
        self.notes_html = render_markdown(self.notes) if self.notes else ""
        self.details_text = details_text(self.agenda_html, self.notes_html)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "agenda_html",
                "notes_html",
                "details_text",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "cohorts:session_detail",
            args=[self.cohort.program.slug, self.cohort.slug, self.pk],
        )

    def clean(self):
        super().clean()
        errors = {}
        for field in ("host_city", "for_city"):
            city = getattr(self, field)
            # A new cohort has no cities yet: any city picked belongs to another.
            if city is not None and city.cohort_id != self.cohort_id:
                errors[field] = CITY_NOT_IN_COHORT
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> ZoneInfo:
        """The session's zone; the site's if the stored name is unknown (a row
        written around the validator, e.g. by update())."""
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(settings.TIME_ZONE)

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def has_started(self) -> bool:
        """Answers close and attendance opens when the session starts."""
        return self.starts_at <= timezone.now()
