import json
import re
import typing
from collections import defaultdict
from functools import reduce
from operator import or_

from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from community.discussions import attachments
from community.models import Board, Post
from core.text import whole_number
from core.translated import shown
from resources.models import Resource

# A library link, absolute or relative: ".../resources/<slug>/", maybe ?query or #part.
LIBRARY_LINK = re.compile(r"/resources/([A-Za-z0-9_-]+)/?(?:[?#]\S*)?$")
SLUG = re.compile(r"[A-Za-z0-9_-]+")
UNKNOWN_RESOURCE = _(
    "“%(value)s” is not a resource in the library: paste its link, or pick it "
    "from the list."
)
AMBIGUOUS_RESOURCE = _(
    "“%(value)s” is the title of several resources in the library: paste the "
    "link of the one you mean."
)
TOO_MANY_RESOURCES = _("Share at most %(limit)d resources, one per line.")
MAX_RESOURCES = 5
SHOWN_LENGTH = 80  # of a line quoted in an error


def _line_entry(line: str) -> tuple[str, str]:
    """The slug and the title a line may name (either may be empty)."""
    if not any(ch.isspace() for ch in line) and (match := LIBRARY_LINK.search(line)):
        return match[1], ""
    slug = line if SLUG.fullmatch(line) else ""
    # A link to anything else names no title; nor does a line too long to be one.
    is_link = line.startswith("/") or "://" in line
    max_title = Resource._meta.get_field("title").max_length
    title = "" if is_link or len(line) > max_title else line
    return slug, title


def _shown(line: str) -> str:
    return line if len(line) <= SHOWN_LENGTH else line[: SHOWN_LENGTH - 1] + "…"


class ResourceLinksField(forms.CharField):
    """Library resources, one per line: a link to one, its slug or its exact title."""

    widget = forms.Textarea(attrs={"rows": 2})

    def clean(self, value):
        value = super().clean(value)
        lines = [" ".join(line.split()) for line in (value or "").splitlines()]
        entries = {line: _line_entry(line) for line in lines if line}
        if len(entries) > MAX_RESOURCES:
            raise forms.ValidationError(
                TOO_MANY_RESOURCES, params={"limit": MAX_RESOURCES}
            )
        by_slug, by_title = self._lookup(entries.values())
        picked, errors = {}, []
        for line, (slug, title) in entries.items():
            same_title = by_title.get(title.upper(), []) if title else []
            if slug in by_slug:
                picked.setdefault(by_slug[slug].pk, by_slug[slug])
            elif len(same_title) == 1:
                picked.setdefault(same_title[0].pk, same_title[0])
            else:
                message = AMBIGUOUS_RESOURCE if same_title else UNKNOWN_RESOURCE
                errors.append(message % {"value": _shown(line)})
        if errors:
            raise forms.ValidationError(errors)
        return list(picked.values())

    @staticmethod
    def _lookup(entries) -> tuple[dict, dict]:
        """Published resources by slug, and by upper-cased title (English or
        Spanish), in one query."""
        slugs = {slug for slug, _title in entries if slug}
        titles = {title for _slug, title in entries if title}
        conditions = [Q(slug__in=slugs)] if slugs else []
        conditions += [
            Q(title__iexact=title) | Q(title_es__iexact=title) for title in titles
        ]
        if not conditions:
            return {}, {}
        found = (
            Resource.objects.published()
            .filter(reduce(or_, conditions))
            .only("pk", "slug", "title", "title_es")
            .order_by("pk")
        )
        by_slug, by_title = {}, defaultdict(list)
        for resource in found:
            by_slug[resource.slug] = resource
            # iexact compares UPPER() of both sides; so does the form, in Python.
            for title in {resource.title.upper(), resource.title_es.upper()} - {""}:
                by_title[title].append(resource)
        return by_slug, by_title


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
        help_text=_(
            "Up to 5, one per line: the link to a resource in our library, or "
            "its exact title."
        ),
        widget=forms.Textarea(
            attrs={
                "rows": 2,
                "data-autocomplete-url": reverse_lazy(
                    "resources:resource_autocomplete"
                ),
                "data-max-resources": MAX_RESOURCES,
            }
        ),
    )

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = boards
        self.add_attachment_fields()
        if not self.is_bound and self.initial.get("resources"):
            # "Discuss this" names a resource: its chip in the picker shows its title.
            try:
                resources = self.fields["resources"].clean(self.initial["resources"])
            except forms.ValidationError:
                resources = []
            self._name_resources(resources)

    def _name_resources(self, resources) -> None:
        """Tell the picker (resource-picker.js) the titles of the linked resources."""
        titles = {r.slug: shown(r, "title").text for r in resources}
        self.fields["resources"].widget.attrs["data-titles"] = json.dumps(titles)

    def clean_resources(self):
        resources = self.cleaned_data["resources"]
        self._name_resources(resources)
        return resources

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

    # A blank reply form reads the same for every member in a language (its fields
    # read nothing from the database): rendered once per process and language, it
    # no longer costs a thread page half its template time.
    _blank_html: typing.ClassVar[dict[str, str]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_attachment_fields()

    def as_p(self):
        if self.is_bound or self.initial:
            return super().as_p()
        language = get_language()
        html = self._blank_html.get(language)
        if html is None:
            html = self._blank_html[language] = super().as_p()
        return html

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
