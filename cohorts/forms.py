import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.text import capfirst
from django.utils.timezone import get_current_timezone, localtime
from django.utils.translation import gettext_lazy as _

from cohorts.attendance import ANSWER_UNKNOWN
from cohorts.models import ActionPlanItem, Cohort, Session, SessionResponse
from cohorts.models.timezones import known_time_zones

IN_SESSION_ZONE = _("In the session's time zone (below).")
TIME_TWICE = _(
    "%(time)s happens twice that day in %(zone)s (the clocks go back): pick "
    "another time."
)
NOT_PEOPLE = _("Pick people from the list.")
TIME_SKIPPED = _(
    "%(time)s does not exist that day in %(zone)s (the clocks go forward): pick "
    "another time."
)


class ActionItemStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionPlanItem.Status.choices,
        error_messages={"invalid_choice": _("Pick one of the listed statuses.")},
    )


class SessionAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Are you coming?"),
        choices=SessionResponse.Answer.choices,
        error_messages={"required": ANSWER_UNKNOWN, "invalid_choice": ANSWER_UNKNOWN},
    )


class UserIdsField(forms.Field):
    """Users' ids, as a list of checkboxes or hidden inputs sends them."""

    def to_python(self, value):
        values = [value] if isinstance(value, str) else list(value or [])
        try:
            ids = {int(v) for v in values}
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(NOT_PEOPLE) from error
        if any(not 0 < i < 2**63 for i in ids):
            raise forms.ValidationError(NOT_PEOPLE)
        return ids

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], "required")


class AttendanceForm(forms.Form):
    """The people listed on the session page, and those of them ticked."""

    listed = UserIdsField(label=_("People listed"), widget=forms.MultipleHiddenInput)
    attended = UserIdsField(
        label=_("Attended"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("attended", set()) <= cleaned.get("listed", set()):
            raise forms.ValidationError(NOT_PEOPLE)
        return cleaned

    def attendance(self) -> dict[int, bool]:
        ticked = self.cleaned_data["attended"]
        return {user_id: user_id in ticked for user_id in self.cleaned_data["listed"]}


class WallClockField(forms.SplitDateTimeField):
    """A date and a time as typed: naive, for the form to place in a zone."""

    def compress(self, data_list):
        if data_list and None not in data_list:
            return datetime.datetime.combine(*data_list)
        return None


def wall_clock_problem(naive: datetime.datetime, zone: ZoneInfo) -> str | None:
    """Why this local time cannot be used in this zone, if it cannot."""
    first, second = (
        naive.replace(tzinfo=zone, fold=0),
        naive.replace(fold=1, tzinfo=zone),
    )
    if first.utcoffset() == second.utcoffset():
        return None
    back = first.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    return TIME_TWICE if back == naive else TIME_SKIPPED


class SessionForm(forms.ModelForm):
    """Start and end are typed, and shown, in the session's own time zone: a site
    visit in Long Beach at 9:00 is 9:00 in Long Beach, wherever staff sit."""

    # Capitalized as the model's own labels are (a form's label is shown as is).
    starts_at = WallClockField(
        label=capfirst(_("starts at")), widget=AdminSplitDateTime
    )
    ends_at = WallClockField(label=capfirst(_("ends at")), widget=AdminSplitDateTime)

    class Meta:
        model = Session
        fields = [
            "cohort",
            "kind",
            "title",
            "title_es",
            "starts_at",
            "ends_at",
            "time_zone",
            "is_illustrative",
            "cancelled",
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
            self.fields[name].help_text = IN_SESSION_ZONE
            value = getattr(self.instance, name)
            if value is not None:
                # Shown as the wall-clock time where the session happens.
                self.initial[name] = localtime(value, self.instance.zone).replace(
                    tzinfo=None
                )

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("time_zone")
        zone = ZoneInfo(name) if name in known_time_zones() else get_current_timezone()
        for field in ("starts_at", "ends_at"):
            value = cleaned.get(field)
            if value is None:
                continue
            problem = wall_clock_problem(value, zone)
            if problem and name:
                self.add_error(
                    field,
                    forms.ValidationError(
                        problem, params={"time": value.strftime("%H:%M"), "zone": name}
                    ),
                )
            cleaned[field] = value.replace(tzinfo=zone)
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
