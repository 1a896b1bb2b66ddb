from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from community.members.profiles import profile_update
from community.models import Profile
from core import images
from core.languages import LanguageSelect

AVATAR_MAX_BYTES = 5 * 1024 * 1024

HANDLE_HELP = _(
    "Your public @handle, used in mentions and in your profile's address. "
    "Letters, digits, underscores and hyphens."
)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with the member's handle explained and the name others see."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_(
            "As colleagues know you, e.g. Maria Lopez. You can change it later."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    field_order = ["email", "username", "display_name", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Handle")
        self.fields["username"].help_text = HANDLE_HELP
        self.fields["username"].widget.attrs["placeholder"] = _("e.g. maria_lopez")
        self.order_fields(self.field_order)

    def try_save(self, request):
        if self.account_already_exists:
            # A new account costs a password hash; an address that has one must
            # not answer faster (the hash is thrown away).
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

    def custom_signup(self, request, user):
        profile_update(
            profile=user.profile, display_name=self.cleaned_data["display_name"]
        )


class ProfileForm(forms.ModelForm):
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_(
            "A JPEG, PNG or WebP picture of up to 5 MB, cropped to a square. "
            "Without one, your initials are shown."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "job_title",
            "organization",
            "bio",
            "details_public",
            "in_directory",
            "language",
            "color_scheme",
        ]
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "organization": forms.TextInput(attrs={"autocomplete": "organization"}),
            "bio": forms.Textarea(attrs={"rows": 5}),
            "language": LanguageSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.avatar_small:
            del self.fields["remove_photo"]
        self.fields["language"].choices = [
            ("", _("The language my browser asks for")),
            *settings.LANGUAGES,
        ]

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return images.checked(upload, max_bytes=AVATAR_MAX_BYTES)

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = value.strip()
        return cleaned


class TopicFollowForm(forms.Form):
    topic = forms.ChoiceField(label=_("Follow a topic of the library"))

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Choose a topic"))] + [
            (tag.slug, tag.name) for tag in topics
        ]


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )
