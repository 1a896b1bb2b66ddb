"""The counters the board's services keep, recounted from the rows (after bulk
inserts that did not go through the services)."""

from collections.abc import Iterable

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from community.models import Board, Post, Reaction, Thread


def board_counters_refresh(board_ids: Iterable[int]) -> None:
    """Recount the boards' threads, posts and last activity from their threads."""
    totals = (
        Thread.objects.filter(board_id__in=board_ids)
        .order_by()
        .values("board_id")
        .annotate(
            threads=Count("pk"),
            replies=Sum("reply_count"),
            latest=Max("last_activity_at"),
        )
    )
    for row in totals:
        Board.objects.filter(pk=row["board_id"]).update(
            thread_count=row["threads"],
            post_count=row["threads"] + row["replies"],
            last_activity_at=row["latest"],
        )


def reaction_counts_refresh(posts: QuerySet) -> int:
    """Recount the reaction counters of these posts (a queryset) from their rows."""
    counts = {
        f"{kind}_count": Coalesce(
            Subquery(
                Reaction.objects.filter(post=OuterRef("pk"), kind=kind)
                .order_by()
                .values("post")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            0,
        )
        for kind in Post.Reactions.values
    }
    return posts.update(**counts)
