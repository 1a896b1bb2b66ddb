"""Languages as people expect them.

- A choice of languages names each in itself ("English", "Español"), marked as
  being in that language (lang) so that a screen reader says it right, whatever
  the page's language (LanguageSelect).
- A page answered before LocaleMiddleware chose a language (a request refused at
  once: a NUL in it, the database away) is in the language the request asks for,
  not in whichever language the process last served (request_language).
"""

from django import forms
from django.utils import translation


class LanguageSelect(forms.Select):
    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


def request_language(request) -> str:
    """The language chosen for this request, else the one it asks for (the
    language cookie, then Accept-Language)."""
    chosen = getattr(request, "LANGUAGE_CODE", None)
    return chosen or translation.get_language_from_request(request)
