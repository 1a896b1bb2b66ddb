"""Markdown to sanitized HTML, rendered once when content is saved."""

import nh3
from markdown_it import MarkdownIt

# Raw HTML in the source is shown as text, never passed through.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True})
_md.enable(["table", "strikethrough"])

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}}


def render_markdown(source: str) -> str:
    """Render Markdown and keep only safe tags, attributes and http(s)/mailto links."""
    html = _md.render(source or "")
    # A "# heading" in user text must not compete with the page's own h1.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
    )
