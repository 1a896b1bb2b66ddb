from django import template

from community.discussions.permissions import standing
from community.models import Board, Thread
from community.models.board import viewer
from community.models.profiles import avatar as avatar_of
from core.prepared import Prepared

register = template.Library()


@register.inclusion_tag("community/_discussions_about.html", takes_context=True)
def discussions_about(context, resource, limit=5):
    """Threads sharing a library resource that the viewer may read, and a way to
    start one."""
    request = context["request"]
    user = request.user
    kind, values = viewer(user)
    return {
        "resource": resource,
        "threads": _ABOUT.rows((kind, limit), resource_id=resource.pk, **values),
        "can_start": standing(user).can_write,
        "user": user,
        "request": request,
    }


def _about_query(shape, *, resource_id, user_id=None):
    kind, limit = shape
    return (
        Thread.objects.visible_to_kind(kind, user_id)
        .filter(resources=resource_id)
        .select_related("board")
        .order_by("-last_activity_at", "-pk")[:limit]
    )


# Built once per kind of viewer (core.prepared), on every resource's page.
_ABOUT = Prepared(_about_query)


@register.inclusion_tag("community/_cohort_board.html", takes_context=True)
def cohort_board(context, cohort, limit=5):
    """The cohort's private board with its latest threads, if the viewer may read it."""
    request = context["request"]
    board = (
        Board.objects.visible_to(request.user)
        .filter(cohort=cohort, visibility=Board.Visibility.COHORT)
        .first()
    )
    threads = []
    if board is not None:
        threads = list(
            board.threads.select_related("last_poster__profile").order_by(
                "-is_pinned", "-last_activity_at", "-pk"
            )[:limit]
        )
    return {"board": board, "threads": threads, "cohort": cohort}


@register.simple_tag
def avatar(user, size="small"):
    """{% avatar user %}: the member's photo or initials (community.models.profiles)."""
    return avatar_of(user, size)
