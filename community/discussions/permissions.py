"""Who may do what on the board, each rule said once. Reading is decided by the
visible_to() querysets; writing by the member's standing, worked out once per
request. The require_* functions refuse with the message the member sees:
services call them before they write, and a view calls the same one only where
it must answer before any service runs (showing a form)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from community.models import Board
from community.models.moderation import standing_columns
from community.roles import is_moderator

NOT_VERIFIED = _("Verify your e-mail address before you post or react.")
SUSPENDED = _("Your account is suspended until %(until)s: %(reason)s")
LOCKED = _("This thread is locked: it takes no new replies.")
BOARD_STAFF_ONLY = _("Only staff start threads on this board; replies are welcome.")
NOT_A_MODERATOR = _("Only moderators can do this.")
MODERATORS_GROUP = "Moderators"


@dataclass(frozen=True)
class Standing:
    is_member: bool
    is_verified: bool = False
    suspended_until: datetime | None = None
    suspension_reason: str = ""
    is_moderator: bool = False

    @property
    def can_write(self) -> bool:
        return self.is_member and self.is_verified and self.suspended_until is None

    @property
    def why_not(self) -> str:
        if not self.is_member:
            return ""
        if not self.is_verified:
            return str(NOT_VERIFIED)
        if self.suspended_until:
            from django.utils.formats import date_format
            from django.utils.timezone import localtime

            return str(SUSPENDED) % {
                "until": date_format(
                    localtime(self.suspended_until), "DATETIME_FORMAT"
                ),
                "reason": self.suspension_reason,
            }
        return ""


GUEST = Standing(is_member=False)


def standing(user) -> Standing:
    """The member's standing, cached on the user object for the request."""
    if not user.is_authenticated:
        return GUEST
    cached = getattr(user, "_community_standing", None)
    if cached is not None:
        return cached
    if hasattr(user, "standing_verified"):
        # Loaded with the user at the start of the request (members.auth_backends).
        verified = user.standing_verified
        until = user.standing_suspended_until
        reason = user.standing_suspension_reason
    else:
        # One query: whether an address is verified, and the longest suspension.
        columns = standing_columns(user)
        verified, until, reason = (
            get_user_model()
            ._default_manager.filter(pk=user.pk)
            .values_list(*columns.values())
            .get()
        )
    result = Standing(
        is_member=True,
        is_verified=user.is_staff or verified,
        suspended_until=until,
        suspension_reason=reason or "",
        is_moderator=is_moderator(user),
    )
    user._community_standing = result
    return result


def forget_standing(user) -> None:
    """After a change of the member's standing in this request (a suspension):
    the next standing() reads it again."""
    for name in (
        "_community_standing",
        "standing_verified",
        "standing_suspended_until",
        "standing_suspension_reason",
    ):
        user.__dict__.pop(name, None)


def may_start_thread(user, board) -> bool:
    """Whether the board takes a new thread from this member (standing aside)."""
    return board.new_threads == board.NewThreads.READERS or user.is_staff


def require_writer(user) -> None:
    """Refuse, with the reason the member sees, one who may not write now."""
    member = standing(user)
    if not member.can_write:
        raise PermissionDenied(member.why_not or _("Sign in to take part."))


def require_thread_starter(user, board) -> None:
    """Refuse one who may not start a thread on this board now."""
    require_writer(user)
    if not may_start_thread(user, board):
        raise PermissionDenied(BOARD_STAFF_ONLY)


def require_moderator(user) -> None:
    if not is_moderator(user):
        raise PermissionDenied(NOT_A_MODERATOR)


def for_members_only(user, threads) -> bool:
    """Whether a guest who cannot read these threads would as a member: they are
    on a members board. A guest is then asked to sign in; a cohort board's
    threads stay not found to anyone outside the cohort."""
    members = threads.filter(board__visibility=Board.Visibility.MEMBERS)
    return not user.is_authenticated and members.exists()
