"""A member's picture beside their name: their photo, resized when uploaded, or
their initials on a colour that stays theirs. Decorative (alt=""): the name is
always written next to it."""

from django.utils.html import format_html
from django.utils.safestring import SafeString

COLOURS = 8  # .avatar-c0 ... .avatar-c7 in site.css, each with white text at 4.5:1+


def initials(name: str) -> str:
    """Up to two letters: the first of the first and last words."""
    words = [word for word in name.replace("-", " ").replace("_", " ").split() if word]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def avatar_html(*, name: str, key: int, url: str, size: str = "small") -> SafeString:
    """The <img> of the photo at url, or the initials of name on colour key."""
    if url:
        return format_html(
            '<img class="avatar avatar-{}" src="{}" alt="" loading="lazy" '
            'decoding="async">',
            size,
            url,
        )
    return format_html(
        # Initials are a name's: no translator (a browser's, or a test looking for
        # English) is to read "AM" as a word.
        '<span class="avatar avatar-{} avatar-c{}" aria-hidden="true" translate="no">'
        "{}</span>",
        size,
        key % COLOURS,
        initials(name),
    )
