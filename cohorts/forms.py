from zoneinfo import ZoneInfo

from django import forms
from django.utils.timezone import get_current_timezone, localtime, make_naive
from django.utils.translation import gettext_lazy as _

from cohorts.models import ActionPlanItem, Cohort, Session
from cohorts.models.timezones import known_time_zones

IN_SESSION_ZONE = _("In the session's time zone (below).")


class ActionItemStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionPlanItem.Status.choices,
        error_messages={"invalid_choice": _("Pick one of the listed statuses.")},
    )


class SessionForm(forms.ModelForm):
    """Start and end are typed, and shown, in the session's own time zone: a site
    visit in Long Beach at 9:00 is 9:00 in Long Beach, wherever staff sit."""

    class Meta:
        model = Session
        fields = [
            "cohort",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "time_zone",
            "is_illustrative",
            "host_city",
            "for_city",
            "location",
            "online_url",
            "agenda",
            "materials",
            "recording_url",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            if name in self.fields:
                self.fields[name].help_text = IN_SESSION_ZONE
        if self.instance.pk and self.instance.time_zone in known_time_zones():
            zone = ZoneInfo(self.instance.time_zone)
            for name in ("starts_at", "ends_at"):
                value = getattr(self.instance, name)
                if value is not None:
                    # Naive, so the widget shows it as is, not in the server's zone.
                    self.initial[name] = localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("time_zone")
        if name in known_time_zones():
            zone = ZoneInfo(name)
            current = get_current_timezone()
            for field in ("starts_at", "ends_at"):
                value = cleaned.get(field)
                if value is not None:
                    # The field read the typed time in the server's zone; read it
                    # again in the session's.
                    cleaned[field] = make_naive(value, current).replace(tzinfo=zone)
        return cleaned


class CopyScheduleForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Copy into this cohort"),
        queryset=Cohort.objects.select_related("program"),
        help_text=_(
            "Sessions move by the distance between the two cohorts' start dates. "
            "Site visits and city coaching calls are copied only for cities the "
            "target cohort has."
        ),
    )

    def __init__(self, *args, source: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = self.fields["target"].queryset.exclude(
            pk=source.pk
        )
