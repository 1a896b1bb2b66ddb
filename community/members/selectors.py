"""Reads of the community app that more than one view needs."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from community.models import Profile
from core.people import active


def members_matching(query: str = "") -> QuerySet:
    """Active members listed in the directory, newest first, matching query in
    handle, name or organization. For signed-in members only (views ask).

    The matches are one union of what each column's trigram index finds
    (migration community 0009): joined first and filtered after, every member
    and profile was read to find a handful."""
    users = (
        get_user_model()
        .objects.filter(active(), profile__in_directory=True)
        .select_related("profile")
        .order_by("-date_joined", "-pk")
    )
    query = query.strip()
    if query:
        by_handle = get_user_model().objects.filter(username__icontains=query)
        by_profile = Profile.objects.filter(
            Q(display_name__icontains=query) | Q(organization__icontains=query)
        )
        users = users.filter(
            pk__in=by_handle.values("pk").union(by_profile.values("user"))
        )
    return users
