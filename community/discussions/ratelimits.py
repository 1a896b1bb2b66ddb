"""Posting limits per member (threads, posts, reports, private conversations and
messages), tighter on a member's first day, and the form that says one was
reached, with what the member wrote and when to send it."""

import math
from datetime import timedelta

from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext_lazy as _

from core import ratelimit
from core.ratelimit import Verdict

THREAD_LIMIT = (3, 10 * 60)
THREAD_LIMIT_NEW = (1, 10 * 60)
POST_LIMIT = (10, 60)
POST_LIMIT_NEW = (3, 60)
# Reports: a few an hour is plenty for a member who reads; more is a campaign.
FLAG_LIMIT = (5, 60 * 60)
FLAG_LIMIT_NEW = (2, 60 * 60)
# Private messages as posts; new conversations as new threads.
CONVERSATION_LIMIT = THREAD_LIMIT
CONVERSATION_LIMIT_NEW = THREAD_LIMIT_NEW
MESSAGE_LIMIT = POST_LIMIT
MESSAGE_LIMIT_NEW = POST_LIMIT_NEW
SLOW_DOWN = _(
    "You are posting faster than the community allows. Nothing was posted: what "
    "you wrote is kept below."
)
POST_AGAIN = _("You can post again in about %(wait)s (at %(time)s).")
TOO_MANY_REPORTS = _(
    "You have sent many reports in the last hour. Thank you: the moderators will "
    "look at them. This one was not sent: it is kept below."
)
SLOW_DOWN_MESSAGES = _(
    "You are sending messages faster than the community allows. Nothing was sent: "
    "what you wrote is kept below."
)
SEND_AGAIN = _("You can send again in about %(wait)s (at %(time)s).")
REPORT_AGAIN = _("You can send another report in about %(wait)s (at %(time)s).")
# What the form says when refused, and when it may be sent again.
REFUSALS = {
    "thread": (SLOW_DOWN, POST_AGAIN),
    "post": (SLOW_DOWN, POST_AGAIN),
    "flag": (TOO_MANY_REPORTS, REPORT_AGAIN),
    "conversation": (SLOW_DOWN_MESSAGES, SEND_AGAIN),
    "message": (SLOW_DOWN_MESSAGES, SEND_AGAIN),
}


def check(user, action: str) -> Verdict:
    """Count one thread, post, report, conversation or message by the member;
    refused when over the limit."""
    new = user.date_joined > timezone.now() - timedelta(days=1)
    usual, first_day = {
        "thread": (THREAD_LIMIT, THREAD_LIMIT_NEW),
        "post": (POST_LIMIT, POST_LIMIT_NEW),
        "flag": (FLAG_LIMIT, FLAG_LIMIT_NEW),
        "conversation": (CONVERSATION_LIMIT, CONVERSATION_LIMIT_NEW),
        "message": (MESSAGE_LIMIT, MESSAGE_LIMIT_NEW),
    }[action]
    limit, period = first_day if new else usual
    return ratelimit.check(f"{action}:{user.pk}", limit=limit, period=period)


def when(verdict: Verdict, again) -> str:
    """When the member may send again, in whole minutes and as a time of day."""
    # Both rounded up: a member who comes back at the time shown is let in.
    now = verdict.resets_at - timedelta(seconds=verdict.retry_after)
    wait = timeuntil(now + timedelta(minutes=math.ceil(verdict.retry_after / 60)), now)
    resets_at = timezone.localtime(verdict.resets_at)
    if resets_at.second or resets_at.microsecond:
        resets_at = resets_at.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return again % {"wait": wait, "time": formats.time_format(resets_at)}


def too_many(request, action: str, verdict: Verdict, template_name: str, context: dict):
    """The member's form again, as a 429, saying when they may send it."""
    reason, again = REFUSALS[action]
    context = {**context, "slow_down": {"reason": reason, "when": when(verdict, again)}}
    response = render(request, template_name, context, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response
