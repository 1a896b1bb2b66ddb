"""Curators' texts in the reader's language (core/translated.py):

- {{ resource|shown:"title" }}: the text, inside <span lang="en"> when a Spanish
  page shows the English, for a text inside a sentence or a heading;
- <div{{ program|lang_of:"purpose" }}>{{ program|shown_text:"purpose"|linebreaks }}
  </div>: the language on the element around a text of several paragraphs;
- {{ resource|shown_text:"title" }} alone where no element can carry it (<title>,
  an attribute)."""

from django import template

from core import translated

register = template.Library()


@register.filter
def shown(obj, field: str):
    return translated.marked(translated.shown(obj, field))


@register.filter
def shown_text(obj, field: str) -> str:
    return translated.shown(obj, field).text


@register.filter
def lang_of(obj, field: str):
    return translated.lang_attribute(translated.shown(obj, field).lang)


@register.filter
def lang_attribute(lang: str):
    """{{ item.lang|lang_attribute }}: for a text whose language was found in
    Python (a digest's item)."""
    return translated.lang_attribute(lang) if lang else ""
