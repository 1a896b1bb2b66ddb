"""The Jinja2 environment, for the few partials a page repeats many times, and
those every page has.

Pages are Django templates. A partial rendered once per item of a long list (a
thread page's up to 50 posts), or on every page (the header and footer:
pages/chrome.py), is a Jinja2 template instead: Jinja2 compiles a template to
Python, which renders it several times faster. These
templates translate nothing themselves (Django's `makemessages` does not read
them): their labels come translated from Python. The filters are Django's own,
so the output is what the Django template wrote.
"""

from django.template.defaultfilters import truncatewords
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from jinja2 import Environment, StrictUndefined

from core.moments import moment


def isoformat(value) -> str:
    """Django's `|date:"c"`: the moment in the active time zone, ISO 8601."""
    return template_localtime(value).isoformat()


def environment(**options) -> Environment:
    # A name the view forgot fails loudly instead of rendering as "".
    options["undefined"] = StrictUndefined
    env = Environment(**options)
    env.filters.update(moment=moment, truncatewords=truncatewords, isoformat=isoformat)
    return env


def render_partial(template: str, context: dict) -> SafeString:
    """A Jinja2 partial, for a Django template to include as it is: Jinja2
    escaped what it wrote."""
    html = render_to_string(template, context, using="jinja2")
    return mark_safe(html)  # noqa: S308
