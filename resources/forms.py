from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

URL_SCHEME_ERROR = _("Enter a web address starting with http:// or https://.")


class SuggestionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    url = forms.URLField(
        label=_("Web address"),
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"], message=URL_SCHEME_ERROR)],
        error_messages={"invalid": URL_SCHEME_ERROR},
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    reason = forms.CharField(
        label=_("Why it helps"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "A sentence or two for the curators: who it is for, what it offers."
        ),
    )

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Please give the resource's title."))
        return title

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Please say why it helps."))
        return reason
