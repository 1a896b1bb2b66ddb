"""The header and footer around every page, written by Jinja2 partials
(templates/includes/_header.jinja, _footer.jinja) instead of Django templates.

They are on every page a member reads, and no page of theirs is kept whole
(core/page_cache.py keeps guests' only): as Django templates, with their fifteen
`{% url %}`s and twenty translations, they took about 1.5 ms of each page. Here
the labels and links are made once per language and process (`_fixed`), and
each page fills in only what is its own: where the reader is, who they are,
their unread counts and their CSRF token.
"""

from functools import cache

from django.conf import settings
from django.template.backends.utils import csrf_input
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from community.models.profiles import avatar
from core.jinja_env import render_partial
from core.links import linker
from core.people import author_name

LABELS = {
    "main": _("Main"),
    "home": _("Home"),
    "resources": _("Resources"),
    "community": _("Community"),
    "cohorts": _("Cohorts"),
    "site": _("Site"),
    "search_the_site": _("Search the site"),
    "search_everything": _("Search everything"),
    "search": _("Search"),
    "messages": _("Messages"),
    "unread_conversations": _("unread conversations"),
    "unread_notifications": _("unread notifications"),
    "account_menu_for": _("Account menu for"),
    "notifications": _("Notifications"),
    "your_profile": _("Your profile"),
    "edit_profile": _("Edit profile"),
    "settings": _("E-mail and account settings"),
    "saved": _("Saved resources"),
    "emails": _("E-mail addresses"),
    "password": _("Change password"),
    "administration": _("Administration"),
    "sign_out": _("Sign out"),
    "sign_in": _("Sign in"),
    "sign_up": _("Sign up"),
    "help": _("Help and contact"),
    "accessibility": _("Accessibility"),
    "language": _("Language"),
    "change": _("Change"),
}
LINKS = {
    "home": "home",
    "resources": "resources:resource_list",
    "community": "community:board_list",
    "cohorts": "cohorts:program_list",
    "search": "search",
    "messages": "community:conversation_list",
    "notification_count": "community:notification_count",
    "notifications": "community:notification_list",
    "settings": "community:settings",
    "saved": "resources:bookmark_list",
    "emails": "account_email",
    "password": "account_change_password",
    "administration": "admin:index",
    "sign_out": "account_logout",
    "sign_in": "account_login",
    "sign_up": "account_signup",
    "help": "help",
    "language": "language_set",
}
# The parts of the main menu, each marked as where the reader is (aria-current)
# when the page's path is its link (home) or holds it (the others).
SECTIONS = ("home", "resources", "community", "cohorts")


def header(context) -> SafeString:
    request, user, fixed = _page(context)
    member = None
    if user is not None and user.is_authenticated:
        member = {
            "name": author_name(user),
            "avatar": avatar(user),
            "profile": linker("community:profile_detail")(user.username),
            "profile_edit": linker("community:profile_edit")(user.username),
            "is_staff": user.is_staff,
            "notifications": context.get("unread_notification_count") or 0,
            "conversations": context.get("unread_conversation_count") or 0,
            "csrf": csrf_input(request) if request is not None else "",
        }
    path = request.path if request is not None else ""
    links = fixed["links"]
    current = {
        name: (path == links[name]) if name == "home" else (links[name] in path)
        for name in (*SECTIONS, "messages")
    }
    return render_partial(
        "includes/_header.jinja",
        {**fixed, "member": member, "current": current},
    )


def footer(context) -> SafeString:
    request, user, fixed = _page(context)
    signed_in = user is not None and user.is_authenticated
    return render_partial(
        "includes/_footer.jinja",
        {
            **fixed,
            "current_language": fixed["language"],
            "csrf": csrf_input(request) if signed_in and request else "",
        },
    )


def _page(context) -> tuple:
    """The page's request, its reader and what every reader in its language reads."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return request, user, _fixed(get_language(), urlconf, get_script_prefix())


@cache
def _fixed(language: str, urlconf, prefix: str) -> dict:
    """What the header and footer show alike to every reader in `language`."""
    run_by = gettext(
        "%(SITE_NAME)s is run by a league of cities for its members: city leaders "
        "working on racial equity."
    )
    return {
        "language": language,
        "site_name": settings.SITE_NAME,
        "t": {name: str(label) for name, label in LABELS.items()},
        "links": {name: reverse(viewname) for name, viewname in LINKS.items()},
        "run_by": run_by % {"SITE_NAME": settings.SITE_NAME},
        # Each language named in itself (English, Español), marked as being in it.
        "languages": [
            (code, capfirst(get_language_info(code)["name_local"]))
            for code, _name in settings.LANGUAGES
        ],
    }
