import datetime
import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cohorts.models.brief import InBrief
from core.translated import shown, spanish_char, spanish_text

MAX_COHORT_LENGTH = datetime.timedelta(days=3653)
CITY_NOT_IN_COHORT = _("Pick one of this cohort's cities.")


def is_program_staff(user) -> bool:
    """Staff who run cohorts see every cohort's workspace."""
    # is_staff first: has_perm costs queries, and most members are not staff.
    return user.is_authenticated and (
        user.is_superuser or (user.is_staff and user.has_perm("cohorts.view_cohort"))
    )


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Program(InBrief):
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_es = spanish_char(_("name in Spanish"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("Used in menus.")
    )
    short_name_es = spanish_char(_("short name in Spanish"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    organization = models.ForeignKey(
        "resources.Organization",
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        related_name="programs_run",
    )
    partners = models.ManyToManyField(
        "resources.Organization",
        verbose_name=_("partners"),
        blank=True,
        related_name="programs_partnered",
    )
    funders = models.ManyToManyField(
        "resources.Organization",
        verbose_name=_("funders"),
        blank=True,
        related_name="programs_funded",
    )
    purpose = models.TextField(_("purpose"))
    purpose_es = spanish_text(_("purpose in Spanish"))
    length_months = models.PositiveSmallIntegerField(_("length in months"))
    benefits = models.TextField(
        _("what participants get"), blank=True, help_text=_("One item per line.")
    )
    benefits_es = spanish_text(
        _("what participants get, in Spanish"),
        help_text=_(
            "One item per line. Shown to Spanish readers; without it they see the "
            "English."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.CheckConstraint(
                condition=Q(length_months__gte=1, length_months__lte=120),
                name="program_length_sensible",
                violation_error_message=_("A program lasts 1 to 120 months."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cohorts:program_detail", args=[self.slug])

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def label_es(self) -> str:
        """The Spanish of the label (shown(program, "label")), if given."""
        return self.short_name_es if self.short_name else self.name_es

    @property
    def benefit_list(self) -> list[str]:
        """What participants get, one item a line, in the reader's language."""
        benefits = shown(self, "benefits").text
        return [line.strip() for line in benefits.splitlines() if line.strip()]


class CohortQuerySet(models.QuerySet):
    def workspace_for(self, user):
        """Cohorts whose private workspace this viewer may enter."""
        if is_program_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            pk__in=CohortMembership.objects.filter(user=user).values("cohort")
        )


class Cohort(InBrief):
    class State(models.TextChoices):
        RECRUITING = "recruiting", _("Recruiting")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")

    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. 2018 cohort"))
    name_es = spanish_char(_("name in Spanish"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.RECRUITING
    )
    announcement = models.ForeignKey(
        "resources.Resource",
        verbose_name=_("public announcement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="announced_cohorts",
        limit_choices_to={"kind": "statement"},
        help_text=_("A library resource of kind statement or press release."),
    )
    summary = models.TextField(_("summary"), blank=True)
    summary_es = spanish_text(_("summary in Spanish"))
    # Kept by triggers (migration 0007): the name, the program's, the cities'
    # names and other names, and the summary, as the site search weighs them.
    search_vector = SearchVectorField(_("search index"), null=True, editable=False)
    cities = models.ManyToManyField(
        "City",
        verbose_name=_("cities"),
        through="ParticipatingCity",
        related_name="cohorts",
    )

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["program", "-starts_on"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "slug"],
                name="unique_cohort_slug_per_program",
                violation_error_message=_(
                    "This program already has a cohort with this slug."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="cohort_ends_after_start",
                violation_error_message=_("A cohort cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__lte=models.F("starts_on") + MAX_COHORT_LENGTH),
                name="cohort_lasts_ten_years_at_most",
                violation_error_message=_("A cohort lasts ten years at most."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.program.label})"

    def get_absolute_url(self):
        return reverse("cohorts:cohort_detail", args=[self.program.slug, self.slug])


class CohortMembership(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        CITY_LEAD = "city_lead", _("City lead")
        COACH = "coach", _("Coach")
        PROGRAM_STAFF = "program_staff", _("Program staff")

    CITY_ROLES = (Role.PARTICIPANT, Role.CITY_LEAD)
    COHORT_WIDE_ROLES = (Role.COACH, Role.PROGRAM_STAFF)

    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="cohort_memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.PARTICIPANT
    )
    city = models.ForeignKey(
        "ParticipatingCity",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("For participants and city leads: the city they work for."),
    )
    calendar_token = models.CharField(
        _("calendar feed key"),
        max_length=64,
        unique=True,
        default=new_calendar_token,
        editable=False,
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["cohort", "role", "pk"]
        verbose_name = _("cohort membership")
        verbose_name_plural = _("cohort memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user"],
                name="member_joins_a_cohort_once",
                violation_error_message=_("This member is already in this cohort."),
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["participant", "city_lead"])
                | Q(city__isnull=False),
                name="participant_has_a_city",
                violation_error_message=_("Participants and city leads need a city."),
            ),
        ]

    def __str__(self):
        return gettext("%(member)s in %(cohort)s (%(role)s)") % {
            "member": self.user,
            "cohort": self.cohort,
            "role": self.get_role_display(),
        }

    def clean(self):
        super().clean()
        # A new cohort has no cities yet: any city picked belongs to another.
        if self.city_id and self.city.cohort_id != self.cohort_id:
            raise ValidationError({"city": CITY_NOT_IN_COHORT})
