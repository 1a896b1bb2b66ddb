import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from community.discussions import attachments
from community.models import Board, Post
from core.text import whole_number
from resources.models import Resource

LIBRARY_LINK = re.compile(r"/resources/([A-Za-z0-9_-]+)/?")
UNKNOWN_RESOURCE = _("“%(value)s” is not a resource in the library.")
MAX_RESOURCES = 5


class ResourceLinksField(forms.CharField):
    """Library resources given as pasted links (or slugs), one per line."""

    widget = forms.Textarea(attrs={"rows": 2})

    def clean(self, value):
        value = super().clean(value)
        slugs, errors = [], []
        for line in (value or "").split():
            match = LIBRARY_LINK.search(line)
            slug = match.group(1) if match else line.strip("/")
            if not re.fullmatch(r"[A-Za-z0-9_-]+", slug):
                errors.append(UNKNOWN_RESOURCE % {"value": line[:80]})
                continue
            slugs.append(slug)
        slugs = list(dict.fromkeys(slugs))[:MAX_RESOURCES]
        found = {r.slug: r for r in Resource.objects.published().filter(slug__in=slugs)}
        errors += [UNKNOWN_RESOURCE % {"value": s} for s in slugs if s not in found]
        if errors:
            raise forms.ValidationError(errors)
        return [found[s] for s in slugs]


ACCEPT = "image/jpeg,image/png,image/webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.csv"


class AttachmentFields:
    """Up to attachments.MAX_FILES files, each with a description (a picture's
    text for those who cannot see it); cleaned into cleaned_data["uploads"].
    as_p groups them at the end, under "Attach pictures or documents"."""

    template_name_p = "community/_form_with_attachments.html"

    def add_attachment_fields(self):
        for n in range(1, attachments.MAX_FILES + 1):
            self.fields[f"file_{n}"] = forms.FileField(
                label=_("File %(n)s") % {"n": n},
                required=False,
                widget=forms.FileInput(attrs={"accept": ACCEPT}),
            )
            self.fields[f"description_{n}"] = forms.CharField(
                label=_("What picture %(n)s shows") % {"n": n},
                required=False,
                max_length=300,
                help_text=_(
                    "Needed for a picture: a few words for those who cannot see it."
                ),
            )

    def clean_uploads(self):
        uploads = []
        for n in range(1, attachments.MAX_FILES + 1):
            upload = self.cleaned_data.get(f"file_{n}")
            if not upload:
                continue
            try:
                described = self.cleaned_data.get(f"description_{n}", "")
                uploads.append(attachments.checked(upload, described))
            except forms.ValidationError as error:
                self.add_error(f"file_{n}", error)
        self.cleaned_data["uploads"] = uploads

    def attachment_fields(self):
        return [field for field in self if field.name[:5] in {"file_", "descr"}]

    def main_fields(self):
        return [
            field
            for field in self.visible_fields()
            if field.name[:5] not in {"file_", "descr"}
        ]

    def attachment_errors(self) -> bool:
        return any(field.errors for field in self.attachment_fields())


class ThreadForm(AttachmentFields, forms.Form):
    board = forms.ModelChoiceField(
        label=_("Board"), queryset=Board.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: **bold**, _italic_, [link](https://…); @name mentions."),
    )
    topics = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=200,
        help_text=_("Comma-separated, e.g. housing, budgeting."),
    )
    resources = ResourceLinksField(
        label=_("Library resources to share"),
        required=False,
        max_length=2000,
        help_text=_("Paste links to resources in our library, one per line."),
        widget=forms.Textarea(
            attrs={
                "rows": 2,
                "data-autocomplete-url": reverse_lazy(
                    "resources:resource_autocomplete"
                ),
            }
        ),
    )

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = boards
        self.add_attachment_fields()

    def clean(self):
        cleaned = super().clean()
        self.clean_uploads()
        return cleaned

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the thread a title."))
        return title

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write something before posting."))
        return body

    def clean_topics(self):
        topics = [t.strip().lower() for t in self.cleaned_data["topics"].split(",")]
        return [t[:50] for t in dict.fromkeys(topics) if t][:8]


class ReplyForm(AttachmentFields, forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Markdown works here; @handle mentions a member. To quote part of a "
            "post, select it and press the post’s Quote link."
        ),
    )
    reply_to = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_attachment_fields()

    def clean(self):
        cleaned = super().clean()
        self.clean_uploads()
        return cleaned

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write something before posting."))
        return body

    def clean_reply_to(self):
        # A hidden field: a tampered value just means "reply to the thread".
        value = self.cleaned_data["reply_to"]
        return whole_number(value)


class PostEditForm(forms.Form):
    body = forms.CharField(
        label=_("Text"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 10})
    )


class FlagForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong with this post?"), max_length=500)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason (the author sees it)"), max_length=300)


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=Post.Reactions.choices)
