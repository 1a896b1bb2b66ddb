"""Moments shown on pages: the date and time written out, relative in the browser.

A page says when something happened as a <time> element holding the date and
time in the site's time zone ("Dec. 3, 2026, 1:05 p.m."): the same words for
every viewer and in every kept copy, which never go stale. static/js/times.js
shows recent ones as "3 minutes ago" in the reader's browser and keeps them
current; without it, the date and time stay.
"""

from functools import lru_cache

from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import get_language


def moment(value) -> SafeString | str:
    """The <time> element for a moment (an empty string for none)."""
    if value is None or not hasattr(value, "isoformat"):
        return ""
    local = template_localtime(value)
    return _moment(get_language(), local)


@lru_cache(maxsize=20_000)
def _moment(language: str, local) -> SafeString:
    return format_html(
        '<time datetime="{}" data-ago>{}</time>',
        local.isoformat(),
        formats.date_format(local, "DATETIME_FORMAT"),
    )


def moment_text(value) -> str:
    """A moment as plain words in the active language and the current time zone,
    for a text that names it ("3 de diciembre de 2026 a las 13:05")."""
    return formats.date_format(template_localtime(value), "DATETIME_FORMAT")
