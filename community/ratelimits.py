"""Posting limits per member, tighter on a member's first day."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config import ratelimit

THREAD_LIMIT = (3, 10 * 60)
THREAD_LIMIT_NEW = (1, 10 * 60)
POST_LIMIT = (10, 60)
POST_LIMIT_NEW = (3, 60)
SLOW_DOWN = _(
    "You are posting faster than the community allows. Please wait a few minutes "
    "and try again."
)


def allow(user, action: str) -> bool:
    """Count one thread or post by the member; False when over the limit."""
    new = user.date_joined > timezone.now() - timedelta(days=1)
    if action == "thread":
        limit, period = THREAD_LIMIT_NEW if new else THREAD_LIMIT
    else:
        limit, period = POST_LIMIT_NEW if new else POST_LIMIT
    return ratelimit.hit(f"{action}:{user.pk}", limit=limit, period=period)
