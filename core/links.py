"""Links built many times on one page, reversed once.

A thread page links each of its up to 50 posts four or five times, and
`reverse()` walks the URL patterns for each link. `linker()` reverses a pattern
once, with a marker for its one argument, and then only fills the marker in.
"""

from collections.abc import Callable
from functools import cache
from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language

_MARKER = "7391846205"  # a value every converter takes and no pattern contains


def linker(viewname: str) -> Callable[[object], str]:
    """A function giving reverse(viewname, args=[value]), quoted as reverse()
    quotes it, for values the pattern takes (a pk, a username): unlike
    reverse(), it does not check the value against the pattern's converter."""
    return _linker(viewname, get_urlconf(), get_script_prefix(), get_language())


@cache
def _linker(viewname, urlconf, prefix, language) -> Callable[[object], str]:
    # NoReverseMatch for a pattern that does not take exactly one argument.
    before, _, after = reverse(viewname, args=[_MARKER]).partition(_MARKER)

    def link(value: object) -> str:
        return before + quote(str(value), safe=RFC3986_SUBDELIMS + "/~:@") + after

    return link
