"""Markdown to sanitized HTML, rendered once when content is saved."""

from html.parser import HTMLParser

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


_BLOCKS = {
    "p", "li", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "tr", "td", "th",
    "ul", "ol", "table", "hr",
}  # fmt: skip


class _Text(HTMLParser):
    """The text of sanitized HTML, one string per block (paragraph, list item,
    heading, cell), each with the quote depth it sits at."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []
        self._depth = 0
        self._item = False
        self._words: list[str] = []

    def _end_block(self):
        text = " ".join("".join(self._words).split())
        if text:
            self.blocks.append((self._depth, f"• {text}" if self._item else text))
        self._words, self._item = [], False

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self._end_block()
        if tag == "blockquote":
            self._depth += 1
        elif tag == "li":
            self._item = True
        elif tag == "br":
            self._words.append(" ")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self._end_block()
        if tag == "blockquote":
            self._depth = max(0, self._depth - 1)

    def handle_data(self, data):
        self._words.append(data)


def text_blocks(html: str) -> list[tuple[int, str]]:
    """The text of each block of the HTML (list items begin with a bullet), with
    how many quotes deep it is."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    parser._end_block()
    return parser.blocks


def plain_text(html: str) -> str:
    """HTML as plain text, for excerpts and e-mails: its blocks as paragraphs,
    quoted ones marked with "> ", and never a tag or a Markdown sign it did not
    show."""
    return "\n\n".join("> " * depth + text for depth, text in text_blocks(html))
