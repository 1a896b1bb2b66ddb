"""Reads of the community app that more than one view needs."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from core.people import active


def members_matching(query: str = "") -> QuerySet:
    """Active members listed in the directory, newest first, matching query in
    handle, name or organization. For signed-in members only (views ask)."""
    users = (
        get_user_model()
        .objects.filter(active(), profile__in_directory=True)
        .select_related("profile")
        .order_by("-date_joined", "-pk")
    )
    query = query.strip()
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(profile__display_name__icontains=query)
            | Q(profile__organization__icontains=query)
        )
    return users
