from django import template

from core.moments import moment as moment_html

register = template.Library()


@register.filter(is_safe=True)
def moment(value):
    """{{ value|moment }}: when it happened, as core.moments writes it."""
    return moment_html(value)
