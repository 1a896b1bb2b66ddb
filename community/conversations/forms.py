import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.people import active_users

NO_SUCH_MEMBER = _("There is no member @%(handle)s.")
BODY_HELP = _("Markdown works: **bold**, *italic*, lists and links.")


class ConversationForm(forms.Form):
    recipients = forms.CharField(
        label=_("To"),
        max_length=400,
        help_text=_("Their @handles, separated by spaces or commas (up to five)."),
    )
    subject = forms.CharField(
        label=_("Subject (optional)"), max_length=200, required=False
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=BODY_HELP,
    )

    def clean_recipients(self):
        words = re.split(r"[\s,;]+", self.cleaned_data["recipients"])
        handles = [word.removeprefix("@").lower()[:150] for word in words if word]
        handles = list(dict.fromkeys(handle for handle in handles if handle))
        found = {u.username: u for u in active_users().filter(username__in=handles)}
        missing = [handle for handle in handles if handle not in found]
        if missing:
            raise forms.ValidationError(
                [NO_SUCH_MEMBER % {"handle": handle} for handle in missing[:5]]
            )
        return [found[handle] for handle in handles]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=BODY_HELP,
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
