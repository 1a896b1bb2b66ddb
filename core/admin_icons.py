"""The admin's yes/no icons, their text in the reader's language. Django gives
each icon the value itself as its text ("True", "False", "None"), in English
whatever the language: what a screen reader says for every yes/no column."""

from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext

_ICONS = {True: "yes", False: "no", None: "unknown"}


def boolean_icon(field_val):
    text = {True: gettext("Yes"), False: gettext("No"), None: gettext("Unknown")}
    return format_html(
        '<img src="{}" alt="{}">',
        static(f"admin/img/icon-{_ICONS[field_val]}.svg"),
        text[field_val],
    )


def install() -> None:
    # Every caller imports it from admin_list when it runs.
    admin_list._boolean_icon = boolean_icon
