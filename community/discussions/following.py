"""Who watches what: a member's watching level for a thread or a board, and
the levels a new post's notifications go by."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community.models import Board, BoardFollow, Thread, ThreadFollow, WatchLevel

UNKNOWN_LEVEL = _("Choose watching, normal or muted.")


def follow(user, thread: Thread, level: str = WatchLevel.WATCHING) -> None:
    """Start following at `level`, keeping a level the member already chose:
    one INSERT that leaves a row already there as it is (get_or_create took a
    read, a savepoint, the insert and its release on every post)."""
    ThreadFollow.objects.bulk_create(
        [ThreadFollow(user=user, thread=thread, level=level)], ignore_conflicts=True
    )


def watch_levels(thread: Thread) -> dict[int, str]:
    """Each member's watching level for the thread: the one they chose for the
    thread, else the one for its board. Members not listed are at "normal"."""
    levels = dict(
        BoardFollow.objects.filter(board_id=thread.board_id).values_list(
            "user_id", "level"
        )
    )
    levels.update(
        ThreadFollow.objects.filter(thread=thread).values_list("user_id", "level")
    )
    return levels


def thread_watch_set(*, user, thread: Thread, level: str) -> str:
    """Set the member's watching level for a thread; "normal" is the default."""
    if level not in WatchLevel.values:
        raise ValidationError(UNKNOWN_LEVEL)
    ThreadFollow.objects.update_or_create(
        user=user, thread=thread, defaults={"level": level}
    )
    return level


def board_watch_set(*, user, board: Board, level: str) -> str:
    """Set the member's watching level for a board; "normal" removes the choice, so
    each thread follows its own default."""
    if level not in WatchLevel.values:
        raise ValidationError(UNKNOWN_LEVEL)
    if level == WatchLevel.NORMAL:
        BoardFollow.objects.filter(user=user, board=board).delete()
    else:
        BoardFollow.objects.update_or_create(
            user=user, board=board, defaults={"level": level}
        )
    return level
