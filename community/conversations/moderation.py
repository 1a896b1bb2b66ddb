"""A participant reports a message to the moderators, who then may read its
conversation (ConversationQuerySet.visible_to) and resolve the report."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.discussions.permissions import require_moderator, require_writer
from community.models import (
    Message,
    MessageReport,
    ModerationLog,
    Participant,
    Resolution,
)

REASON_NEEDED = _("Say what is wrong with the message.")
ALREADY_REPORTED = _(
    "You have already reported this message; a moderator will look at it."
)
NOT_YOURS_TO_REPORT = _("Only the conversation's members report its messages.")


@transaction.atomic
def message_report_create(*, message: Message, reporter, reason: str) -> MessageReport:
    require_writer(reporter)
    in_it = Participant.objects.current().filter(
        conversation_id=message.conversation_id, member=reporter
    )
    if not in_it.exists() or message.author_id == reporter.pk:
        raise PermissionDenied(NOT_YOURS_TO_REPORT)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_NEEDED})
    try:
        with transaction.atomic():
            return MessageReport.objects.create(
                message=message, reporter=reporter, reason=reason[:500]
            )
    except IntegrityError as error:
        raise ValidationError(ALREADY_REPORTED) from error


def message_report_resolve(
    *, report: MessageReport, moderator, resolution: Resolution = Resolution.REVIEWED
) -> MessageReport:
    require_moderator(moderator)
    report.resolved_at = timezone.now()
    report.resolved_by = moderator
    report.resolution = Resolution(resolution)
    report.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    ModerationLog.objects.create(
        moderator=moderator,
        action=ModerationLog.Action.RESOLVE_FLAG,
        member=report.message.author,
        details={"message": report.message_id, "resolution": report.resolution},
    )
    return report
