"""What a board's page reads, as prepared queries (core.prepared) built and
compiled once per kind of viewer: the board with its count of threads, how
the member watches it and the numbers its kept rows are under, and a page of
its threads."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from community.models import Board, BoardFollow, Thread
from community.models.board import GUEST, viewer_kind
from community.versions import PEOPLE
from core import versions
from core.prepared import Prepared

THREADS_PER_PAGE = 30


def board_for(user, slug: str, *, unanswered: bool) -> Board:
    """The board at slug if the viewer may read it (Http404 otherwise), with how
    many threads it has (thread_total) and, asked for unanswered, how many of
    them have no accepted answer (unanswered_total); for a member, how they
    watch it (watch: None for the default); the numbers of the board's and the
    people's scopes, read in the same query, that its kept rows are under
    (stamp: thread_rows.shared_rows)."""
    kind = viewer_kind(user)
    shown_with = {"rows_number": versions.board(slug), "people_number": PEOPLE}
    values = {"slug": slug, "rows_scope": shown_with["rows_number"]}
    if kind != GUEST:
        values["user_id"] = user.pk
    board = _BOARD.first((kind, unanswered), **values)
    if board is None:
        raise Http404
    board.stamp = versions.stamp_of(board, **shown_with)
    return board


def _board_query(shape, *, slug, rows_scope, user_id=None):
    kind, unanswered = shape
    threads = Thread.objects.filter(board=OuterRef("pk")).order_by()

    def count(rows):
        return Coalesce(
            Subquery(rows.values("board").annotate(n=Count("pk")).values("n")), 0
        )

    boards = Board.objects.visible_to_kind(kind, user_id).annotate(
        thread_total=count(threads),
        **versions.numbers(rows_number=rows_scope, people_number=PEOPLE),
    )
    if unanswered:
        boards = boards.annotate(
            unanswered_total=count(threads.filter(answer__isnull=True))
        )
    if kind != GUEST:
        mine = BoardFollow.objects.filter(user_id=user_id, board=OuterRef("pk"))
        boards = boards.annotate(watch=Subquery(mine.values("level")[:1]))
    return boards.filter(slug=slug)


_BOARD = Prepared(_board_query)


def page_threads(board_id: int, *, unanswered: bool, number: int) -> list[Thread]:
    """The threads of the board's page `number`, pinned first, then by their
    latest activity, with the rows their list shows (for_listing)."""
    shape = (unanswered, number)
    if number <= KEPT_PAGES:
        return _PAGE_THREADS.rows(shape, board_id=board_id)
    return list(_page_threads_query(shape, board_id=board_id))


def _page_threads_query(shape, *, board_id):
    """The page's keys first, read in the board's listing index, then their rows:
    joined before the page was cut, the authors' rows were read for every
    thread of the board (a hash join over every member)."""
    unanswered, number = shape
    order = ("-is_pinned", "-last_activity_at", "-pk")
    keys = Thread.objects.filter(board_id=board_id)
    if unanswered:
        keys = keys.filter(answer__isnull=True)
    start = (number - 1) * THREADS_PER_PAGE
    page = keys.order_by(*order).values("pk")[start : start + THREADS_PER_PAGE]
    return Thread.objects.filter(pk__in=Subquery(page)).for_listing().order_by(*order)


# Built and compiled once per page, up to KEPT_PAGES pages (as a thread's posts:
# thread_queries.py); a later page is built as any query is.
_PAGE_THREADS = Prepared(_page_threads_query)
KEPT_PAGES = 20
