"""What the site search finds in the community (core/search.py): posts on the
boards the viewer reads, and members in the directory."""

import re
from functools import partial

from django.db.models import F, Func, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.members.selectors import members_matching
from community.models import Board, Post, TaggedThread
from community.models.board import viewer
from community.versions import DISCUSSIONS
from core import search
from core.bulk import among, key_array
from core.large_search import growing_matches, large_page, newest_keys, newest_prepared
from core.people import active_users
from core.prepared import Prepared

_HANDLE = re.compile(r"^@?([a-z0-9_-]{2,30})$")


# The posts' matches are planned as read from memory (core/plans.py): at
# PostgreSQL's default price of a page, a word with a few thousand matches on a
# guest's boards (a quarter of the posts) was found by walking the newest posts
# one by one, 10 ms against 5 through the index (the large data).
POSTS_PAGE_COST = 1.1


def discussions_search(
    user, terms: search.SiteSearch, section, stamp
) -> search.Pending:
    """Posts neither hidden nor deleted on the boards the viewer reads: viewers
    who read the same boards share a kept copy."""
    kind, values = viewer(user)
    rows = _BOARDS.rows(kind, **values)
    boards = [pk for pk, _, _ in rows]
    # Whether they hold more than half of all boards' posts (_readable_on).
    most = bool(rows) and 2 * sum(n for _, n, _ in rows) > rows[0][2]
    # Handles are looked up inside: "people" moves when a member's handle changes.
    key = (terms.q, terms.topics, terms.years, boards)
    return search.kept(
        section,
        key,
        lambda s: _fill_discussions(boards, terms, s, key, stamp, most=most),
        stamp,
    )


def _boards_query(kind: str, *, user_id=None) -> QuerySet:
    """The boards the viewer reads, each with its posts and all boards' posts."""
    every = Board.objects.order_by().values(n=Func(F("post_count"), function="SUM"))
    return (
        Board.objects.visible_to_kind(kind, user_id)
        .annotate(every=Subquery(every))
        .order_by("pk")
        .values_list("pk", "post_count", "every")
    )


# Built once per kind of viewer (core.prepared): building it cost more than
# running it, on every search.
_BOARDS = Prepared(_boards_query)


def _handles(q: str) -> tuple[list[int], str]:
    """Members named by handle in the query (maria or @maria), and the query's
    other words. One query, only when a word could be a handle."""
    words = q.split()
    candidates = {}
    for word in words[:8]:
        found = _HANDLE.match(word.lower())
        if found:
            candidates[found.group(1)] = word
    if not candidates:
        return [], q
    known = dict(
        active_users().filter(username__in=candidates).values_list("username", "pk")
    )
    rest = " ".join(w for w in words if w not in {candidates[h] for h in known})
    return list(known.values()), rest


def _fill_discussions(
    boards: list[int], terms, section: search.Section, key: tuple, stamp, *, most
) -> None:
    """most: whether the boards hold most of the posts (_readable_on)."""
    authors, rest = _handles(terms.q)
    on_boards = key_array(boards)
    words = len(terms.q.split())
    matches = _readable_on(on_boards, in_index=words == 1 or not most)
    if terms.topics:
        matches = matches.filter(
            thread__in=TaggedThread.objects.filter(tag__slug__in=terms.topics).values(
                "content_object"
            )
        )
    if terms.years:
        matches = matches.filter(created_at__year__in=terms.years)
    query = search.web_query(terms.q)
    match = Q(search_vector=query)
    if authors:
        match |= Q(author__in=authors) & (
            Q(search_vector=search.web_query(rest)) if rest else Q()
        )
    matches = matches.filter(match)

    rank = search.rank(query, terms.q)
    fresh = None
    if words == 1 and not (authors or terms.topics or terms.years):
        # The one shape most searches have: its statement built once.
        fresh = partial(
            newest_prepared,
            _KEYS,
            "-" in terms.q,
            random_page_cost=POSTS_PAGE_COST,
            boards=on_boards,
            q=terms.q,
        )
    # The matches are kept across replies, which only add to them. A viewer
    # who reads no board (a guest, where no board is public) has none.
    found = boards and growing_matches(
        matches,
        rank,
        section,
        key,
        stamp,
        DISCUSSIONS,
        words=words,
        random_page_cost=POSTS_PAGE_COST,
        fresh=fresh,
    )
    page = large_page(
        found, section, lambda keys: _PAGE.rows(None, keys=key_array(keys), q=terms.q)
    )
    for post in page:
        author = post.author.profile.display_name if post.author else ""
        meta = [post.thread.board.name]
        if post.author:
            meta.append(author or f"@{post.author.username}")
        section.hits.append(
            search.Hit(
                title=post.thread.title,
                url=post.get_absolute_url(),
                snippet=search.marked(post.snippet),
                meta=" · ".join(meta),
            )
        )


def _keys_query(cover: bool, *, boards: str, q: str) -> QuerySet:
    """The newest matches of q (one word, no filter) on boards (an array
    literal), as _fill_discussions reads them; cover: ranked by cover density
    (search.rank: a query with a -word)."""
    query = search.web_query(q)
    matches = _readable_on(boards).filter(search_vector=query)
    return newest_keys(matches, ("-pk",), search.rank(query, q, cover=cover))


def _readable_on(boards: str, *, in_index: bool = True) -> QuerySet:
    """The posts a search may find on boards (an array literal, or a prepared
    query's stand-in for one): neither hidden nor deleted, by the post's own
    board, which the index holds beside the words.

    Not in_index: the board is written so that the index does not serve it,
    and PostgreSQL checks it on the words' matches. For boards that hold most
    of the posts (a member's), reading the boards' entries in the index (each
    board's every post) costs more than the few matches it leaves out: 80
    searches of two words made afresh at a million posts, in turns, took a
    member 30.4 ms on average against 43.6 (for one pair 32 ms became 7); a
    guest, whose boards hold a quarter of the posts, gained nothing, and one
    word was as often slower (PostgreSQL then walks the newest posts)."""
    board = F("board") if in_index else F("board") + 0
    return Post.objects.readable().filter(among(boards, board))


_KEYS = Prepared(_keys_query)


def _page_query(shape, *, keys: str, q: str) -> QuerySet:
    """The posts of keys (an array literal) as a search's hits show them, each
    with its snippet around the words of q."""
    return (
        Post.objects.filter(among(keys))
        .defer("body", "body_html", "body_text", "search_vector")
        .annotate(snippet=search.headline("body_text", search.web_query(q)))
        .select_related("thread__board", "author__profile")
    )


_PAGE = Prepared(_page_query)


def members_search(user, terms: search.SiteSearch, section, stamp) -> search.Pending:
    """Every member sees the same directory: one kept copy for all."""
    return search.kept(section, (terms.q,), lambda s: _fill_members(terms, s), stamp)


def _fill_members(terms: search.SiteSearch, section: search.Section) -> None:
    words = " ".join(word.removeprefix("@") for word in terms.q.split())
    for member in search.page_of(members_matching(words), section):
        profile = member.profile
        section.hits.append(
            search.Hit(
                title=profile.display_name or f"@{member.username}",
                url=reverse("community:profile_detail", args=[member.username]),
                snippet="",
                meta=" · ".join(
                    part
                    for part in [f"@{member.username}", profile.organization]
                    if part
                ),
            )
        )


def register() -> None:
    search.register(
        search.SectionInfo(
            "discussions",
            _("Discussions"),
            frozenset({"topic", "year"}),
            fill=discussions_search,
            order=20,
            scopes=("discussions", "boards", "people", "topics"),
        )
    )
    search.register(
        search.SectionInfo(
            "members",
            _("Members"),
            frozenset(),
            fill=members_search,
            order=50,
            members_only=True,
            scopes=("people",),
        )
    )
