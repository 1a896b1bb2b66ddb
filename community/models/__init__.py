from community.models.attachments import Attachment
from community.models.board import Board, TaggedThread, Thread
from community.models.conversations import (
    Block,
    Conversation,
    Message,
    MessageReport,
    Participant,
)
from community.models.following import (
    BoardFollow,
    ReadState,
    ThreadFollow,
    TopicFollow,
    WatchLevel,
)
from community.models.mail import (
    Checkpoint,
    DataExport,
    Delivery,
    DigestSchedule,
    NotificationSettings,
    OutgoingEmail,
)
from community.models.moderation import Flag, ModerationLog, Resolution, Suspension
from community.models.notifications import Notification
from community.models.posts import Post, PostRevision, Reaction
from community.models.profiles import Profile

__all__ = [
    "Attachment",
    "Block",
    "Board",
    "BoardFollow",
    "Checkpoint",
    "Conversation",
    "DataExport",
    "Delivery",
    "DigestSchedule",
    "Flag",
    "Message",
    "MessageReport",
    "ModerationLog",
    "Notification",
    "NotificationSettings",
    "OutgoingEmail",
    "Participant",
    "Post",
    "PostRevision",
    "Profile",
    "Reaction",
    "ReadState",
    "Resolution",
    "Suspension",
    "TaggedThread",
    "Thread",
    "ThreadFollow",
    "TopicFollow",
    "WatchLevel",
]
