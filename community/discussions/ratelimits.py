"""Posting limits per member, tighter on a member's first day, and the page
that says one was reached."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import ratelimit

THREAD_LIMIT = (3, 10 * 60)
THREAD_LIMIT_NEW = (1, 10 * 60)
POST_LIMIT = (10, 60)
POST_LIMIT_NEW = (3, 60)
# Reports: a few an hour is plenty for a member who reads; more is a campaign.
FLAG_LIMIT = (5, 60 * 60)
FLAG_LIMIT_NEW = (2, 60 * 60)
SLOW_DOWN = _(
    "You are posting faster than the community allows. Please wait a few minutes "
    "and try again."
)
TOO_MANY_REPORTS = _(
    "You have sent many reports in the last hour. Thank you: the moderators will "
    "look at them. Please wait before sending more."
)


def allow(user, action: str) -> bool:
    """Count one thread, post or report by the member; False when over the limit."""
    new = user.date_joined > timezone.now() - timedelta(days=1)
    usual, first_day = {
        "thread": (THREAD_LIMIT, THREAD_LIMIT_NEW),
        "post": (POST_LIMIT, POST_LIMIT_NEW),
        "flag": (FLAG_LIMIT, FLAG_LIMIT_NEW),
    }[action]
    limit, period = first_day if new else usual
    return ratelimit.hit(f"{action}:{user.pk}", limit=limit, period=period)


def too_many(request):
    """The 429 page, for a member who reached a limit."""
    return render(request, "429.html", {"message": SLOW_DOWN}, status=429)
