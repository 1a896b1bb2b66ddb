from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort, MilestoneKind, ParticipatingCity

PICK_A_MILESTONE = _("Pick one of the program's milestones.")
PICK_A_CITY = _("Pick one of this cohort's cities.")
DATE_FORMAT_HELP = _("The day it happened, e.g. 2018-03-15.")


class DateInput(forms.DateInput):
    input_type = "date"


class MilestoneForm(forms.Form):
    """A city records a milestone; the rules (dates, kinds) are the model's, said
    by the service (cohorts.outcomes.milestone_record)."""

    city = forms.ModelChoiceField(
        label=_("City"),
        queryset=ParticipatingCity.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": PICK_A_CITY, "required": PICK_A_CITY},
    )
    kind = forms.ModelChoiceField(
        label=_("Milestone"),
        queryset=MilestoneKind.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": PICK_A_MILESTONE},
    )
    reached_on = forms.DateField(
        label=_("Reached on"),
        widget=DateInput(format="%Y-%m-%d"),
        help_text=DATE_FORMAT_HELP,
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Optional: the resolution, the minutes, a news story…"),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = ParticipatingCity.objects.filter(
            cohort=cohort
        ).select_related("city", "cohort")
        self.fields["kind"].queryset = MilestoneKind.objects.filter(
            program_id=cohort.program_id
        )
        # The browser's date picker offers only the days a milestone may have.
        self.fields["reached_on"].widget.attrs.update(
            min=cohort.starts_on.isoformat(), max=timezone.localdate().isoformat()
        )
