"""Post text: Markdown rendered once, with its quotes (quotes.py) and @mentions
turned into profile links."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from community.discussions import quotes
from community.models import Post
from core.markdown import plain_text
from core.people import active_users

MENTION = re.compile(r"(?<![\w@/.])@([A-Za-z0-9][A-Za-z0-9_-]{2,149})")
_TAG = re.compile(r"(<[^>]+>)")


def mentioned_handles(body: str) -> set[str]:
    return {handle.lower() for handle in MENTION.findall(body or "")}


def mentioned_users(body: str):
    handles = mentioned_handles(body)
    if not handles:
        return get_user_model().objects.none()
    return active_users().filter(username__in=handles)


def _link(match: re.Match, known: set[str]) -> str:
    handle = match.group(1).lower()
    if handle not in known:
        return match.group(0)
    url = reverse("community:profile_detail", args=[handle])
    return f'<a class="mention" href="{url}">@{match.group(1)}</a>'


def render_post(body: str, origins=None) -> tuple[str, list]:
    """Return the sanitized HTML of a post and the members it mentions. The
    posts it quotes are named and linked from origins (quotes.check), or not at
    all."""
    html = quotes.render(body, origins or {})
    users = list(mentioned_users(body))
    known = {u.username for u in users}
    if not known:
        return html, users
    parts, out, skip = _TAG.split(html), [], 0
    for part in parts:
        if part.startswith("<"):
            name = part.strip("</> ").split()[0].lower() if part.strip("</> ") else ""
            if name in {"a", "code", "pre"}:
                skip += -1 if part.startswith("</") else 1
            out.append(part)
        elif skip > 0:
            out.append(part)
        else:
            out.append(MENTION.sub(lambda m: _link(m, known), part))
    return "".join(out), users


def render_into(post, origins: dict) -> None:
    """Set the post's HTML and plain text from its body (not saved)."""
    post.body_html, _mentioned = render_post(post.body, origins)
    post.body_text = plain_text(post.body_html)


def preview(body: str, *, author, board) -> str:
    """A new thread's opening post as it will read, quotes checked as posting
    checks them (ValidationError on the body)."""
    origins = quotes.check(body, author=author, board=board)
    return render_post(body, origins)[0]


def quoting_rerender(posts) -> int:
    """Render again the posts that quote these: their author's name went (a
    closed account), or their words did (hidden or deleted), or came back
    (restored). Returns how many."""
    quoting = Post.objects.filter(quoted_posts__in=posts).distinct()
    count = 0
    for post in quoting.select_related("thread__board"):
        origins = quotes.origins(quote.post_id for quote in quotes.quotes_in(post.body))
        render_into(post, origins)
        post.save(update_fields=["body_html", "body_text"])
        count += 1
    return count
