"""The Jinja2 environment, for the few partials a page repeats many times.

Pages are Django templates. A partial rendered once per item of a long list (a
thread page's up to 50 posts) is a Jinja2 template instead: Jinja2 compiles a
template to Python, which renders such a loop several times faster. These
templates translate nothing themselves (Django's `makemessages` does not read
them): their labels come translated from Python. The filters are Django's own,
so the output is what the Django template wrote.
"""

from datetime import datetime, timedelta
from functools import lru_cache

from django.contrib.humanize.templatetags import humanize
from django.template.defaultfilters import truncatewords
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from jinja2 import Environment, StrictUndefined


def isoformat(value) -> str:
    """Django's `|date:"c"`: the moment in the active time zone, ISO 8601."""
    return template_localtime(value).isoformat()


def naturaltime(value):
    """Django's `|naturaltime`, remembered for what is a day old or more.

    Its words then ("3 days, 4 hours ago", "1 year, 2 months ago") count whole
    hours at the finest, and every boundary between two wordings falls a whole
    number of hours after the moment (a month after 9:17 is 9:17 again; Django
    counts from the moment's second): within the same hour after it, any viewer
    gets the same words."""
    if not isinstance(value, datetime) or timezone.is_naive(value):
        return humanize.naturaltime(value)
    since = timezone.now() - value.replace(microsecond=0)
    hours = since // timedelta(hours=1)
    if hours < 24:
        return humanize.naturaltime(value)
    return _naturaltime(get_language(), value, hours)


@lru_cache(maxsize=50_000)
def _naturaltime(language: str, value: datetime, hours: int) -> str:
    return humanize.naturaltime(value)


def environment(**options) -> Environment:
    # A name the view forgot fails loudly instead of rendering as "".
    options["undefined"] = StrictUndefined
    env = Environment(**options)
    env.filters.update(
        naturaltime=naturaltime, truncatewords=truncatewords, isoformat=isoformat
    )
    return env


def render_partial(template: str, context: dict) -> SafeString:
    """A Jinja2 partial, for a Django template to include as it is: Jinja2
    escaped what it wrote."""
    html = render_to_string(template, context, using="jinja2")
    return mark_safe(html)  # noqa: S308
