"""Sign-in backends that load, with the member, what nearly every page of theirs
shows or decides.

The one query that loads the signed-in user on each request also brings their
profile (the header names them), how many of their notifications are unread
and in how many conversations a message waits for them (the header's badges)
and the parts of their standing (a verified address, a
suspension: whether they may write, community.discussions.permissions). All are
read fresh on every request, never cached. Django's ModelBackend stays for the
admin's username sign-in; allauth's for the site's forms."""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from community.models import Notification, Participant
from community.models.moderation import standing_columns
from core.prepared import Prepared


def signed_in(user_id):
    """The user with profile, unread_notification_count,
    unread_conversation_count and standing_verified, standing_suspended_until,
    standing_suspension_reason; None if there is none."""
    if not isinstance(user_id, int):  # as the session keeps it
        user_id = get_user_model()._meta.pk.to_python(user_id)
    return _SIGNED_IN.first("member", user_id=user_id)


def _users_with_state(shape, *, user_id):
    """The user with what signed_in gives, as a query built and compiled once
    per process (core.prepared): building its five subqueries cost more than
    running them (about 4 ms of Python a request). The clock it reads is the
    database's."""
    me = OuterRef("pk")
    unread = (
        Notification.objects.filter(recipient=me, read_at=None)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    waiting = (
        Participant.objects.unread_by(me)
        .order_by()
        .values("member")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        get_user_model()
        ._default_manager.select_related("profile")
        .annotate(
            unread_notification_count=Coalesce(Subquery(unread), 0),
            unread_conversation_count=Coalesce(Subquery(waiting), 0),
            **standing_columns(me),
        )
        .filter(pk=user_id)
    )


_SIGNED_IN = Prepared(_users_with_state)


class _WithProfile:
    def get_user(self, user_id):
        user = signed_in(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class AdminBackend(_WithProfile, ModelBackend):
    pass


class MemberBackend(_WithProfile, AuthenticationBackend):
    pass
