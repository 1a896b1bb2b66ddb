"""The cities of the program, and the cities taking part in a cohort."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from cohorts.models.program import Cohort
from cohorts.models.states import State
from cohorts.models.timezones import validate_time_zone

DUPLICATE_CITY = _("%(city)s is already in this cohort.")
CITY_EXISTS = _("A city with this name and state already exists.")


class City(models.Model):
    name = models.CharField(_("name"), max_length=100)
    state = models.CharField(_("state"), max_length=2, choices=State.choices)
    slug = models.SlugField(_("slug"), max_length=110, unique=True)
    also_known_as = models.CharField(
        _("also known as"),
        max_length=100,
        blank=True,
        help_text=_(
            "Another name the city goes by, e.g. St. Paul for Saint Paul: a search "
            "for either finds it."
        ),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text=_("Where the city is, e.g. America/Chicago."),
    )

    class Meta:
        ordering = ["name", "state"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "state",
                name="unique_city_name_state_ci",
                violation_error_message=CITY_EXISTS,
            ),
            models.CheckConstraint(
                condition=Q(state__in=State.values),
                name="city_state_is_a_postal_code",
                violation_error_message=_("Use a two-letter state code."),
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.state}"


class ParticipatingCity(models.Model):
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="participating_cities",
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    shows_outcomes = models.BooleanField(
        _("agreed to show its outcomes"),
        default=False,
        help_text=_(
            "The city agreed that its milestones and attendance count in the "
            "program's public totals."
        ),
    )

    class Meta:
        ordering = ["city__name", "city__state"]
        verbose_name = _("participating city")
        verbose_name_plural = _("participating cities")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "city"],
                name="city_joins_a_cohort_once",
                violation_error_message=_("This city is already in this cohort."),
            )
        ]

    def __str__(self):
        return str(self.city)

    def clean(self):
        super().clean()
        # Said here, with the city's name, before the constraint says it vaguely.
        if (
            self.city_id
            and self.cohort_id
            and ParticipatingCity.objects.filter(
                cohort=self.cohort_id, city=self.city_id
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"city": ValidationError(DUPLICATE_CITY, params={"city": self.city})}
            )
