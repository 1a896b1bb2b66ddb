"""What curators write for the site (a resource's title, a program's purpose) in
the reader's language: in English in a field `name`, and in Spanish in `name_es`
when a curator gives it. A Spanish reader gets the Spanish, or else the English
marked as English (lang="en", WCAG 3.1.2), so a screen reader says it in English.

One field per language, on the same row: no join, no query more than the English
alone. Templates use the filters of core/templatetags/translated.py."""

from typing import NamedTuple

from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SPANISH = "es"
ENGLISH = "en"
SPANISH_HELP = _("Shown to Spanish readers; without it they see the English.")


class Shown(NamedTuple):
    """A text as a reader gets it, and the language it is in."""

    text: str
    lang: str


def reading_spanish() -> bool:
    return (get_language() or "").split("-")[0] == SPANISH


def shown(obj, field: str, spanish_reader: bool | None = None) -> Shown:
    """obj's `field` in the reader's language if a curator gave it, with its
    language; the English otherwise. `spanish_reader`, when the caller already
    knows it (a list asks once rather than once per item and field)."""
    if spanish_reader is None:
        spanish_reader = reading_spanish()
    if spanish_reader and (spanish := getattr(obj, f"{field}_es", "")):
        return Shown(spanish, SPANISH)
    return Shown(getattr(obj, field), ENGLISH)


def lang_attribute(lang: str) -> SafeString:
    """` lang="en"` for a text in another language than the page's, else ""."""
    if lang == (get_language() or ENGLISH).split("-")[0]:
        return SafeString("")
    return format_html(' lang="{}"', lang)


def marked(text: Shown) -> SafeString:
    """The text, escaped, inside <span lang="…"> if it is not in the page's language."""
    attribute = lang_attribute(text.lang)
    if not attribute:
        return format_html("{}", text.text)
    return format_html("<span{}>{}</span>", attribute, text.text)


def spanish_char(verbose_name, max_length: int, **options) -> models.CharField:
    """The Spanish of a CharField: optional, the English shows without it."""
    options.setdefault("help_text", SPANISH_HELP)
    return models.CharField(verbose_name, max_length=max_length, blank=True, **options)


def spanish_text(verbose_name, **options) -> models.TextField:
    """The Spanish of a TextField: optional, the English shows without it."""
    options.setdefault("help_text", SPANISH_HELP)
    return models.TextField(verbose_name, blank=True, **options)
