"""The results part of the search page (templates/_search_results.jinja): the
summary, the tabs of sections, each section's hits and its links on.

Written by Jinja2 with every label translated and every link made here: as a
Django template it took as long as the rest of a kept search (a millisecond
for a page of five sections, on every search a guest's page cache does not
answer and on every member's)."""

from urllib.parse import quote

from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import QueryDict
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from markupsafe import Markup

from core.jinja_env import render_partial
from core.search import Section, SiteSearch


def results_html(request, search: SiteSearch, found: dict) -> SafeString:
    """found: the view's sections, total, capped, shown (with their hits_html
    written) and left_out."""
    total, capped, q = found["total"], found["capped"], search.q
    sections = found["sections"]
    context = {
        "guest_note": None if request.user.is_authenticated else _guest_note(request),
        "summary": _summary(total, capped, q),
        "left_out": [str(info.title) for info in found["left_out"]],
        "tabs": _tabs(request.GET, search, sections, total, capped) if total else [],
        "shown": [
            _shown(request.GET, search, section)
            for section in found["shown"]
            if section.count or search.section
        ],
        "t": {
            "left_out": _("The filters you chose do not apply to:"),
            "kinds": _("Kinds of results"),
            "try_other": _(
                "Try fewer or other words, a word’s other spelling, or fewer filters."
            ),
            "pages": _("Pages"),
            "previous": _("Previous"),
            "next": _("Next"),
        },
    }
    return render_partial("_search_results.jinja", context)


def _with(params: QueryDict, **changes) -> str:
    """The query string of params with changes, a None taking the key out (as
    Django's {% querystring %} makes it)."""
    changed = params.copy()
    for key, value in changes.items():
        if value is None:
            changed.pop(key, None)
        else:
            changed[key] = value
    return f"?{changed.urlencode() if changed else ''}"


def _guest_note(request) -> SafeString:
    note = _(
        "Members are listed for signed-in members only: "
        '<a href="%(login_url)s?next=%(next)s">sign in</a> to find colleagues.'
    )
    next_url = quote(request.get_full_path(), safe="/")  # Django's |urlencode
    return Markup(note) % {"login_url": reverse("account_login"), "next": next_url}


def _summary(total: int, capped: bool, q: str) -> SafeString:
    if capped:
        text = _("More than %(counter)s results for “%(q)s”")
        return Markup(text) % {"counter": intcomma(total), "q": q}
    if total:
        text = ngettext(
            "%(number)s result for “%(q)s”", "%(number)s results for “%(q)s”", total
        )
        return Markup(text) % {"number": intcomma(total), "q": q}
    return Markup(_("Nothing found for “%(q)s”.")) % {"q": q}


def _count(number: int, capped: bool) -> str:
    """A count as a tab or a heading shows it: 1,000+ when capped."""
    return f"{intcomma(number)}{'+' if capped else ''}"


def _tabs(params, search, sections, total, capped) -> list[dict]:
    everything = {
        "url": _with(params, section=None, page=None),
        "current": not search.section,
        "title": _("All"),
        "count": _count(total, capped),
    }
    return [everything] + [
        {
            "url": _with(params, section=section.key, page=None),
            "current": search.section == section.key,
            "title": section.title,
            "count": _count(section.count, section.capped),
        }
        for section in sections
    ]


def _shown(params, search: SiteSearch, section: Section) -> dict:
    shown = {
        "key": section.key,
        "title": section.title,
        "count": _count(section.count, section.capped),
        "hits_html": section.hits_html if section.hits else "",
        "start": section.first_number if section.page > 1 else None,
        "pages": None,
        "previous": None,
        "next": None,
        "more": None,
        "more_url": None,
        "empty": None,
    }
    if not section.hits:
        text = _("Nothing in this section matches “%(q)s”.")
        shown["empty"] = Markup(text) % {"q": search.q}
        return shown
    if search.section and section.num_pages > 1:
        shown["pages"] = Markup(_("Page %(number)s of %(total)s")) % {
            "number": section.page,
            "total": section.num_pages,
        }
        if section.has_previous:
            shown["previous"] = _with(params, page=section.page - 1)
        if section.has_next:
            shown["next"] = _with(params, page=section.page + 1)
    elif not search.section and section.count > len(section.hits):
        shown["more_url"] = _with(params, section=section.key, page=None)
        title = str(section.title).lower()
        if section.capped:
            shown["more"] = Markup(_("Show more %(title)s")) % {"title": title}
        else:
            text = ngettext(
                "Show the %(number)s %(title)s",
                "Show all %(number)s %(title)s",
                section.count,
            )
            shown["more"] = Markup(text) % {
                "number": intcomma(section.count),
                "title": title,
            }
    return shown
