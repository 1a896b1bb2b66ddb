import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

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


class ThreadForm(forms.Form):
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


class ReplyForm(forms.Form):
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
