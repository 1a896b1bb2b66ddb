from community.models.board import (
    Board,
    Post,
    PostRevision,
    Reaction,
    TaggedThread,
    Thread,
)
from community.models.following import BoardFollow, ReadState, ThreadFollow
from community.models.moderation import Flag, ModerationLog, Suspension
from community.models.notifications import Notification
from community.models.profiles import Profile

__all__ = [
    "Board",
    "BoardFollow",
    "Flag",
    "ModerationLog",
    "Notification",
    "Post",
    "PostRevision",
    "Profile",
    "Reaction",
    "ReadState",
    "Suspension",
    "TaggedThread",
    "Thread",
    "ThreadFollow",
]
