"""What a thread's page reads, as prepared queries (core.prepared) built and
compiled once per kind of viewer: the thread with what the page shows beside
its posts, and a page of its posts."""

from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce, JSONObject
from django.http import Http404

from community.discussions.permissions import for_members_only
from community.models import (
    Attachment,
    Post,
    ReadState,
    TaggedThread,
    Thread,
    ThreadFollow,
)
from community.models.board import GUEST, viewer_kind
from community.versions import PEOPLE
from core import versions
from core.prepared import Prepared
from resources.models import Resource

POSTS_PER_PAGE = 50


def thread_for(user, pk: int) -> Thread | None:
    """The thread, if the viewer may read it, with what its page needs (see
    _thread_query) and the numbers its kept posts are under (stamp), read
    in the same query; None for a guest who may once signed in (Http404 for
    anyone else)."""
    shown_with = {"posts_number": versions.thread(pk), "people_number": PEOPLE}
    kind = viewer_kind(user)
    values = {"pk": pk, "posts_scope": shown_with["posts_number"]}
    if kind != GUEST:
        values["user_id"] = user.pk
    thread = _THREAD.first(kind, **values)
    if thread is None:
        if for_members_only(user, Thread.objects.filter(pk=pk)):
            return None
        raise Http404
    thread.stamp = versions.stamp_of(thread, **shown_with)
    return thread


def _thread_query(kind: str, *, pk, posts_scope, user_id=None):
    """The thread pk if a viewer of this kind (user_id, a member) may read it,
    with its board and author, how many posts it has (post_total), its topics'
    names and slugs (topics), whether it shares a published resource
    (shares_resources), the numbers of its posts' and the people's scopes and,
    for a member, the last post they read (read_up_to, as stored) and how they
    watch it (watch)."""
    threads = (
        Thread.objects.annotate(
            **versions.numbers(posts_number=posts_scope, people_number=PEOPLE)
        )
        .visible_to_kind(kind, user_id)
        .select_related("board", "author__profile")
    )
    total = (
        Post.objects.filter(thread=OuterRef("pk"))
        .order_by()
        .values("thread")
        .annotate(n=Count("pk"))
        .values("n")
    )
    threads = threads.annotate(
        post_total=Coalesce(Subquery(total), 0),
        topics=ArraySubquery(
            TaggedThread.objects.filter(content_object=OuterRef("pk"))
            .order_by("tag__name")
            .values(pair=JSONObject(name="tag__name", slug="tag__slug"))
        ),
        shares_resources=Exists(
            Resource.objects.published().filter(threads=OuterRef("pk"))
        ),
    )
    if kind != GUEST:
        mine = {"user_id": user_id, "thread": OuterRef("pk")}
        threads = threads.annotate(
            read_up_to=Subquery(
                ReadState.objects.filter(**mine).values("read_up_to")[:1]
            ),
            watch=Subquery(ThreadFollow.objects.filter(**mine).values("level")[:1]),
        )
    return threads.filter(pk=pk)


# Built once per kind of viewer (core.prepared): building it cost as much as
# running it.
_THREAD = Prepared(_thread_query)


# What a post's row shows of its author and of the author it replies to: a
# name, a handle and a photo. The rest of their rows (a password's hash, a
# biography) is not read.
_AUTHOR_UNUSED = (
    "password", "last_login", "is_superuser", "first_name", "last_name", "email",
    "is_staff", "date_joined", "profile__job_title", "profile__organization",
    "profile__bio", "profile__in_directory", "profile__details_public",
    "profile__language", "profile__color_scheme", "profile__avatar_large",
    "profile__created_at", "profile__updated_at",
)  # fmt: skip


def _page_posts_query(shape, *, thread_id):
    """A page of the thread's posts as every viewer of a kind (moderators, who
    read hidden posts' text, or not) reads them (Post.with_text_for), and
    whether each has files (has_files: post_list reads only those posts'
    files)."""
    moderator, number = shape
    posts = (
        Post.objects.filter(thread_id=thread_id)
        .with_text_for_kind(moderator=moderator)
        .select_related("author__profile", "reply_to__author__profile")
        .defer(
            *(f"author__{name}" for name in _AUTHOR_UNUSED),
            *(f"reply_to__author__{name}" for name in _AUTHOR_UNUSED),
        )
        .annotate(has_files=Exists(Attachment.objects.filter(post=OuterRef("pk"))))
        .order_by("created_at", "pk")
    )
    start = (number - 1) * POSTS_PER_PAGE
    return posts[start : start + POSTS_PER_PAGE]


# Built and compiled once per kind of viewer and page (core.prepared), up to
# KEPT_PAGES pages; a later page is built as any query is.
_PAGE_POSTS = Prepared(_page_posts_query)
KEPT_PAGES = 20


@dataclass(frozen=True)
class PagePosts:
    """The posts of a thread's page, read when iterated (only when no rendered
    copy of the page is kept: post_list.shared_page)."""

    thread_id: int
    moderator: bool
    number: int

    def __iter__(self):
        shape = (self.moderator, self.number)
        if self.number <= KEPT_PAGES:
            return iter(_PAGE_POSTS.rows(shape, thread_id=self.thread_id))
        return iter(_page_posts_query(shape, thread_id=self.thread_id))
