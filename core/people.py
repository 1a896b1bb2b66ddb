"""Which accounts are open: the one place it is said. A closed account
(is_active False) is never notified, mentioned, listed, found or sent mail."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet


def active(via: str = "") -> Q:
    """Open accounts, or rows whose `via` relation is one (active("user"))."""
    prefix = f"{via}__" if via else ""
    return Q(**{f"{prefix}is_active": True})


def active_users() -> QuerySet:
    return get_user_model().objects.filter(active())


def author_name(user) -> str:
    """The name shown for a member who wrote something: their profile's, else
    their handle."""
    profile = getattr(user, "profile", None)  # None where it was never made
    return (profile.display_name if profile else "") or user.username
