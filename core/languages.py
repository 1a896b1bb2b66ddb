"""A choice of languages as people expect it: each language named in itself
("English", "Español"), marked as being in that language (lang) so that a screen
reader says it right, whatever the page's language."""

from django import forms


class LanguageSelect(forms.Select):
    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option
