"""Quotes in posts.

A member quotes another post, or the part of it they selected, as

    [quote=post:123]
    the quoted text, in Markdown
    [/quote]

in their own text. The quoted text is copied into the new post, so it stays as
it was when the original is later edited, and it is rendered like any text,
inside a blockquote that names the original's author and links to the post.

When a post is written, check() holds each quote to the original: the post
must be one the writer may read and the new post's readers may read too (never a
members' post on a public board), neither hidden nor deleted, and each paragraph
of the quote must be in its text (now or before an edit): a quote cannot put
words in someone's mouth.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from community.models import Board, Post
from core.markdown import plain_text, render_markdown, text_blocks
from core.people import author_name

OPEN = re.compile(r"^\[quote=post:(\d{1,18})\][ \t]*$")
CLOSE = re.compile(r"^\[/quote\][ \t]*$")
MAX_QUOTES = 10
NESTED = _("A quote cannot hold another quote: keep only what you want to quote.")
EMPTY = _("A quote is empty: put the quoted text inside it, or remove it.")
NOT_CLOSED = _("A quote is not closed: end it with [/quote] on a line of its own.")
TOO_MANY = _("A post can hold up to %(max)s quotes.")
UNKNOWN = _("You are quoting a post that is not there, or that you cannot read.")
GONE = _("The post you are quoting was hidden or deleted: it cannot be quoted.")
ELSEWHERE = _(
    "The post you are quoting is on a board not everyone here may read: it "
    "cannot be quoted in this discussion."
)
NOT_SAID = _(
    "The quoted text is not in the post it names. Quote the post as it is "
    "written, or write it as your own words."
)
FORMER = _("A former member")
WROTE = _("%(name)s wrote:")
NO_LONGER_HERE = _("From a post no longer here:")
WORDS_GONE = _("(That post was hidden or deleted: its words are not shown.)")


@dataclass(frozen=True)
class Quote:
    post_id: int
    source: str


@dataclass(frozen=True)
class Origin:
    """Who wrote a quoted post, and where it is."""

    name: str
    url: str
    shown: bool = True  # False once the post is hidden or deleted: its words go


def parse(body: str) -> list[str | Quote]:
    """The body's parts in order: its own text, and its quotes. Raises
    ValidationError when a quote is left open, holds another, or is empty."""
    parts: list[str | Quote] = []
    own: list[str] = []
    quoted: list[str] | None = None
    post_id = 0
    for line in (body or "").splitlines():
        opening = OPEN.match(line.strip())
        if quoted is None and opening:
            parts.append("\n".join(own))
            own, quoted, post_id = [], [], int(opening[1])
        elif quoted is None:
            own.append(line)
        elif opening:
            raise ValidationError(NESTED)
        elif CLOSE.match(line.strip()):
            source = "\n".join(quoted).strip()
            if not source:
                raise ValidationError(EMPTY)
            parts.append(Quote(post_id, source))
            quoted = None
        else:
            quoted.append(line)
    if quoted is not None:
        raise ValidationError(NOT_CLOSED)
    parts.append("\n".join(own))
    return [part for part in parts if not isinstance(part, str) or part.strip()]


def quotes_in(body: str) -> list[Quote]:
    try:
        return [part for part in parse(body) if isinstance(part, Quote)]
    except ValidationError:
        return []


def without_quotes(body: str) -> str:
    """The writer's own text: whom a post mentions, not whom it quotes."""
    try:
        parts = parse(body)
    except ValidationError:
        return body
    return "\n\n".join(part for part in parts if isinstance(part, str))


def render(body: str, origins: dict[int, Origin]) -> str:
    """The body as sanitized HTML, each quote in a blockquote naming its author
    and linking to the original. A body whose quotes do not parse is rendered
    as it is written.

    The words around a quote are stored in the site's language whoever writes,
    and shown in each reader's by localized()."""
    try:
        parts = parse(body)
    except ValidationError:
        return render_markdown(body)
    html = []
    with translation.override(settings.LANGUAGE_CODE):
        for part in parts:
            if isinstance(part, Quote):
                html.append(_blockquote(part, origins.get(part.post_id)))
            else:
                html.append(render_markdown(part))
    return "".join(html)


def localized(html: str) -> str:
    """A stored body with the words around its quotes (who wrote, what is no
    longer shown) in the active language rather than the site's."""
    if 'class="quote' not in html or translation.get_language() in (
        None,
        settings.LANGUAGE_CODE,
    ):
        return html
    with translation.override(settings.LANGUAGE_CODE):
        stored = {escape(str(t)): t for t in (NO_LONGER_HERE, WORDS_GONE)}
        before, after = (escape(part) for part in str(WROTE).split("%(name)s"))
        former = escape(str(FORMER))
    for english, lazy in stored.items():
        html = html.replace(english, escape(str(lazy)))

    def header(match: re.Match) -> str:
        name = escape(str(FORMER)) if match[2] == former else match[2]
        return match[1] + escape(str(WROTE)).replace("%(name)s", name) + match[3]

    by = re.compile(
        r'(<p class="quote-by"><a href="[^"<>]*">)'
        + re.escape(before)
        + "(.*?)"
        + re.escape(after)
        + "(</a></p>)"
    )
    return by.sub(header, html)


def _blockquote(quote: Quote, origin: Origin | None) -> str:
    if origin is None:
        by = f'<p class="quote-by">{escape(NO_LONGER_HERE)}</p>'
        cite = ""
    else:
        wrote = escape(str(WROTE) % {"name": str(origin.name)})
        by = f'<p class="quote-by"><a href="{escape(origin.url)}">{wrote}</a></p>'
        cite = f' cite="{escape(origin.url)}"'
    words = render_markdown(quote.source)
    if origin is not None and not origin.shown:
        words = f'<p class="placeholder">{escape(WORDS_GONE)}</p>\n'
    return f'<blockquote class="quote"{cite}>\n{by}\n{words}</blockquote>\n'


def origin_of(post) -> Origin:
    name = author_name(post.author) if post.author else FORMER
    url = reverse("community:post_permalink", args=[post.pk])
    return Origin(name, url, shown=not (post.is_hidden or post.is_deleted))


def origins(post_ids) -> dict[int, Origin]:
    """The quoted posts' authors and links as they are now, for posts already
    checked when they were written."""
    posts = Post.objects.filter(pk__in=set(post_ids)).select_related("author__profile")
    return {post.pk: origin_of(post) for post in posts}


def in_text(source: str, html: str) -> bool:
    """Whether every paragraph of the quote's text is in the post's text."""
    text = " ".join(text for _depth, text in text_blocks(html))
    return all(
        block.removeprefix("• ") in text
        for _depth, block in text_blocks(render_markdown(source))
    )


def excerpt_source(post) -> str:
    """What the Quote link puts in the reply form: the whole post, as its author
    wrote it, without the quotes it holds itself."""
    return without_quotes(post.body).strip() or plain_text(post.body_html)


def check(body: str, *, author, board: Board, thread_id=None) -> dict[int, Origin]:
    """Hold each quote of a post about to be written (on board, in thread_id
    unless it opens a thread) to its original; return the originals' authors
    and links, to render it with. Raises ValidationError on the body."""
    try:
        quotes = [part for part in parse(body) if isinstance(part, Quote)]
    except ValidationError as error:
        raise ValidationError({"body": error.messages}) from None
    if not quotes:
        return {}
    if len(quotes) > MAX_QUOTES:
        raise ValidationError({"body": TOO_MANY % {"max": MAX_QUOTES}})
    posts = {
        post.pk: post
        for post in Post.objects.visible_to(author)
        .filter(pk__in={quote.post_id for quote in quotes})
        .select_related("thread__board", "author__profile")
    }
    for quote in quotes:
        post = posts.get(quote.post_id)
        problem = _problem(quote, post, board, thread_id)
        if problem:
            raise ValidationError({"body": problem})
    return {pk: origin_of(post) for pk, post in posts.items()}


def _problem(quote: Quote, post: Post | None, board: Board, thread_id):
    if post is None:
        return UNKNOWN
    if post.is_hidden or post.is_deleted:
        return GONE
    if not _readers_may_read(post, board, thread_id):
        return ELSEWHERE
    if not _said(quote.source, post):
        return NOT_SAID
    return None


def _readers_may_read(post: Post, board: Board, thread_id) -> bool:
    """Whether everyone who reads the new post may read the quoted one: it is in
    the same thread or board, on a public board, or on a members' board quoted
    where only signed-in people read."""
    if post.thread_id == thread_id or post.thread.board_id == board.pk:
        return True
    shown = post.thread.board.visibility
    return shown == Board.Visibility.PUBLIC or (
        shown == Board.Visibility.MEMBERS
        and board.visibility != Board.Visibility.PUBLIC
    )


def _said(source: str, post: Post) -> bool:
    """The quote is in the post's text as it is, or as it was before an edit."""
    if in_text(source, post.body_html):
        return True
    return any(
        in_text(source, render(earlier, {}))
        for earlier in post.revisions.values_list("body", flat=True)
    )
