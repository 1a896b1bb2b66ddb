"""A thread page's posts: rendered once for everyone who sees them alike, then
finished for each viewer.

A page of up to 50 posts reads the same for every viewer in one language,
moderators apart (they read hidden posts' text), but for five things: whether
they may write (reaction buttons, reply links), which posts are new to them,
which are their own, which they reacted to, and their CSRF token. (Each post's
time is written out, the same for all: core.moments.) The shared part is rendered by
templates/community/_posts.jinja with a hole at each of those places and kept
under the numbers of the thread's and the people's scopes (core.versions), read
with the thread: a post, an edit, a reaction, a hidden post or a renamed author
makes a new copy, and nothing older than the last committed change is served.
Each request fills the holes for its viewer (`fill`), which costs a regular
expression's pass over the page instead of fifty posts' queries and templates.

A hole is a marker between NUL characters. No post can forge one: PostgreSQL
text never holds NUL, and every other string on the page is ours.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import prefetch_related_objects
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from community.discussions import quotes
from community.models import Post, Thread
from community.models.profiles import avatar
from core import versions
from core.jinja_env import render_partial
from core.links import linker
from core.people import author_name

POST_LINKS = ("permalink", "react", "edit", "delete", "flag", "history", "answer")
POST_LABELS = {
    "former": _("A former member"),
    "link": _("Link to this post"),
    "edited": _("edited"),
    "deleted": _("This post was deleted by its author."),
    "restore": _("Restore post"),
    "hidden": _("This post was hidden by a moderator."),
    "reason": _("Reason: %(reason)s"),
    "in_reply_to": _("In reply to"),
    "reactions": _("Reactions"),
    "reply": _("Reply"),
    "to_post": _("to this post"),
    "quote": _("Quote"),
    "quote_what": _("this post, or the part of it you selected, in your reply"),
    "edit": _("Edit"),
    "delete": _("Delete"),
    "report": _("Report"),
    "hide": _("Hide"),
    "reason_label": _("Reason (the author sees it)"),
    "hide_post": _("Hide post"),
    "accepted": _("Accepted answer"),
    "answered_by": _("Answered by %(name)s"),
    "go_to_answer": _("Go to the answer"),
    "mark_answer": _("Mark as the answer"),
    "unmark_answer": _("No longer the answer"),
    "download": _("Download"),
}

# The holes. A section's two versions, for the post's author and for anyone
# else: \0M<pk>\0 theirs \0O\0 anyone else's \0E\0 (never nested); " unread"
# or nothing (U<pk>); a reaction's aria-pressed (R<pk>:<kind>); what only a
# question's asker reads among non-moderators, \0A\0 ... \0Z\0 (marking the answer);
# the CSRF token's field (C). Around them, what a member who may write reads
# and what a reader does: \0W\0 writer's \0X\0 reader's \0Y\0 (never nested).
_WRITER = re.compile(r"\x00W\x00(.*?)\x00X\x00(.*?)\x00Y\x00", re.DOTALL)
_SECTION = re.compile(r"\x00M\d+\x00.*?\x00O\x00(.*?)\x00E\x00", re.DOTALL)
_UNREAD = re.compile(r"\x00U\d+\x00")
_ASKER = re.compile(r"\x00A\x00(.*?)\x00Z\x00", re.DOTALL)
_PRESSED = re.compile(r"\x00R[^\x00]*\x00")
HOLES = {
    "unread": lambda post: f"\x00U{post.pk}\x00",
    "pressed": lambda post, kind: f"\x00R{post.pk}:{kind}\x00",
    "mine": lambda post: f"\x00M{post.pk}\x00",
    "others": "\x00O\x00",
    "asker": "\x00A\x00",
    "asked": "\x00Z\x00",
    "end": "\x00E\x00",
    "csrf": "\x00C\x00",
    "writes": "\x00W\x00",
    "reads": "\x00X\x00",
    "done": "\x00Y\x00",
}


@dataclass(frozen=True)
class SharedPage:
    """The page's posts as every viewer reads them, moderators apart, with holes."""

    html: str
    posts: tuple[tuple[int, int | None, datetime], ...]  # pk, author, created


def shared_page(thread: Thread, posts, number: int, member) -> SharedPage:
    """The page's posts for moderators or for everyone else, kept under the
    numbers of the thread's and the people's scopes read with the thread.
    `posts` is the page's queryset, evaluated only when no copy is kept."""
    key = (thread.pk, number, member.is_moderator, get_language())
    return versions.cached(
        "thread-posts",
        thread.stamp,
        key,
        lambda: _render(thread, list(posts), number, member),
    )


def _render(thread: Thread, posts: list[Post], number: int, member) -> SharedPage:
    labels = {name: str(label) for name, label in POST_LABELS.items()}
    _with_links(posts, number, moderator=member.is_moderator)

    # Most posts have no file: only those that have are asked for theirs.
    prefetch_related_objects([post for post in posts if post.has_files], "attachments")
    for post in posts:
        post.author_name = author_name(post.author) if post.author else labels["former"]
        post.avatar = avatar(post.author)
        post.files = list(post.attachments.all()) if post.has_files else []
        for file in post.files:
            file.url = file.get_absolute_url()
        if post.reply_to_id and post.reply_to:
            author = post.reply_to.author
            post.reply_to_name = author_name(author) if author else labels["former"]
    context = {
        "posts": posts,
        "t": labels,
        "is_moderator": member.is_moderator,
        "number": number,
        **_question(thread, number, labels),
        **HOLES,
    }
    return SharedPage(
        html=str(render_partial("community/_posts.jinja", context)),
        posts=tuple((post.pk, post.author_id, post.created_at) for post in posts),
    )


def _question(thread: Thread, number: int, labels: dict) -> dict:
    """On a question board: which post is the accepted answer, the answer itself
    (shown under the question, on the first page) and where to mark one."""
    if not thread.board.is_questions:
        return {"questions": False, "answer_id": None, "answer": None}
    answer = None
    if thread.answer_id and number == 1:
        answer = (
            Post.objects.select_related("author__profile")
            .only(
                "pk", "body_text", "author__username", "author__profile__display_name"
            )
            .filter(pk=thread.answer_id, is_hidden=False, is_deleted=False)
            .first()
        )
    if answer is not None:
        answer.author_name = author_name(answer.author) if answer.author else ""
        answer.by = labels["answered_by"] % {
            "name": answer.author_name or labels["former"]
        }
        answer.permalink = reverse("community:post_permalink", args=[answer.pk])
    return {
        "questions": True,
        "answer_id": thread.answer_id,
        "answer": answer,
        "answer_clear": reverse("community:thread_answer_clear", args=[thread.pk]),
    }


def fill(
    page: SharedPage, request, *, last_read, reactions: set, member, asker=False
) -> SafeString:
    """The shared page finished for this viewer: their posts' own links, what is
    new to them, their reactions and their token. Each kind of hole is one pass
    of C code over the page (the viewer's few own posts, reactions and new posts
    one replace each)."""
    html = _WRITER.sub(r"\1" if member.can_write else r"\2", page.html)
    html = _ASKER.sub(r"\1" if asker and member.can_write else "", html)
    user_id = request.user.pk
    for pk, author, _created in page.posts:
        if author is not None and author == user_id:
            theirs = rf"\x00M{pk}\x00(.*?)\x00O\x00.*?\x00E\x00"
            html = re.sub(theirs, r"\1", html, flags=re.DOTALL)
    html = _SECTION.sub(r"\1", html)
    for pk, kind in reactions:
        html = html.replace(f"\x00R{pk}:{kind}\x00", "true")
    html = _PRESSED.sub("false", html)
    if last_read is not None:
        for pk, _author, _created in page.posts:
            if pk > last_read:
                html = html.replace(f"\x00U{pk}\x00", " unread")
    html = _UNREAD.sub("", html)
    # Only a page with forms asks for a token: a guest's page sets no cookie.
    may_act = member.can_write or member.is_moderator
    html = html.replace("\x00C\x00", csrf_input(request) if may_act else "")
    return mark_safe(html)  # noqa: S308 (escaped by Jinja2, and above)


def _with_links(posts: list[Post], page: int, *, moderator: bool) -> None:
    """Each post's links (post.links), each pattern reversed once for the page,
    and its element id (post.html_id)."""
    author = linker("community:profile_detail")
    links = {name: linker(f"community:post_{name}") for name in POST_LINKS}
    permalink = links["permalink"]
    for post in posts:
        post.html_id = f"post-{post.pk}"
        if post.text_html:
            post.text_html = quotes.localized(post.text_html)
        post.links = {name: link(post.pk) for name, link in links.items()}
        post.links["author"] = author(post.author.username) if post.author else ""
        post.links["reply"] = f"?page={page}&reply_to={post.pk}#reply"
        post.links["quote"] = f"?page={page}&quote={post.pk}#reply"
        if post.reply_to_id:
            post.links["reply_to"] = permalink(post.reply_to_id)
        if moderator:
            for action in ("hide", "restore"):
                post.links[action] = reverse(
                    "community:post_moderate", args=[post.pk, action]
                )
