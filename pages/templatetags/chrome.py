"""{% site_header %} and {% site_footer %}: pages/chrome.py."""

from django import template

from pages import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def site_header(context):
    return chrome.header(context)


@register.simple_tag(takes_context=True)
def site_footer(context):
    return chrome.footer(context)
