"""Atom feeds of public boards (their newest threads) and of the threads on them
(their newest posts), as resources/feeds.py does for the library.

A feed reader has no session: a feed shows what a guest reads, so only public
boards and their threads have one (any other answers 404, as it would a guest
who must not learn its title), and only posts whose text anyone may read are in
it. Each feed runs the same two queries whatever the number of entries."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from community.discussions import quotes
from community.discussions.views.post_list import POST_LABELS, author_name
from community.models import Board, Post, Thread

THREADS_IN_FEED = 30
POSTS_IN_FEED = 50
GUEST = AnonymousUser()


class AtomWithContent(Atom1Feed):
    """Atom whose entries carry a post's whole HTML as <content type="html">
    (`content` in add_item), its relative links (mentions) resolved against the
    page the feed is of (xml:base)."""

    def root_attributes(self):
        return {**super().root_attributes(), "xml:base": self.feed["link"]}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


def _name(user) -> str:
    """The author's name as the site shows it beside a post."""
    return author_name(user) if user else str(POST_LABELS["former"])


class BoardFeed(Feed):
    """A public board's newest threads, each with its opening post's text."""

    feed_type = AtomWithContent

    def get_object(self, request, slug):
        return Board.objects.visible_to(GUEST).get(slug=slug)

    def title(self, board):
        return f"{settings.SITE_NAME}: {board.name}"

    def link(self, board):
        return board.get_absolute_url()

    def subtitle(self, board):
        return board.description or None

    def items(self, board):
        opening = Post.objects.filter(thread=OuterRef("pk")).order_by(
            "created_at", "pk"
        )
        # The opening post's text, if anyone may read it: a hidden or deleted
        # opening post leaves its thread's entry without content.
        text = Post.objects.readable().filter(pk=OuterRef("opening_id"))
        return (
            board.threads.select_related("author__profile")
            .annotate(opening_id=Subquery(opening.values("pk")[:1]))
            .annotate(opening_html=Subquery(text.values("body_html")))
            .order_by("-created_at", "-pk")[:THREADS_IN_FEED]
        )

    def item_title(self, thread):
        return thread.title

    def item_description(self, thread):
        return None  # the opening post is the entry's content, not a summary

    def item_extra_kwargs(self, thread):
        return {"content": thread.opening_html}

    def item_pubdate(self, thread):
        return thread.created_at

    def item_updateddate(self, thread):
        return thread.last_activity_at

    def item_author_name(self, thread):
        return _name(thread.author)


class _Renamed(Exception):
    def __init__(self, url: str):
        self.url = url


class ThreadFeed(Feed):
    """The newest posts of a thread on a public board, hidden and deleted ones
    left out."""

    feed_type = AtomWithContent

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except _Renamed as renamed:  # a wrong slug: to the thread's own, as its page
            return HttpResponsePermanentRedirect(renamed.url)

    def get_object(self, request, pk, slug):
        thread = Thread.objects.visible_to(GUEST).get(pk=pk)
        if slug != thread.slug:
            raise _Renamed(reverse("community:thread_feed", args=[pk, thread.slug]))
        return thread

    def title(self, thread):
        return f"{settings.SITE_NAME}: {thread.title}"

    def link(self, thread):
        return thread.get_absolute_url()

    def items(self, thread):
        # Through thread.posts, each post knows its thread (the titles) unasked.
        return (
            thread.posts.readable()
            .select_related("author__profile")
            .order_by("-created_at", "-pk")[:POSTS_IN_FEED]
        )

    def item_title(self, post):
        return gettext("%(name)s in “%(thread)s”") % {
            "name": _name(post.author),
            "thread": post.thread.title,
        }

    def item_description(self, post):
        return None  # the post's text is the entry's content

    def item_extra_kwargs(self, post):
        return {"content": quotes.localized(post.body_html)}

    def item_link(self, post):
        return post.get_absolute_url()  # the permalink, to its page of the thread

    def item_pubdate(self, post):
        return post.created_at

    def item_updateddate(self, post):
        return post.edited_at or post.created_at

    def item_author_name(self, post):
        return _name(post.author)
