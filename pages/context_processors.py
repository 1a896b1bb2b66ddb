from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    context = {"SITE_NAME": settings.SITE_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from community.notifications.services import unread_notifications

        if hasattr(user, "unread_notification_count"):
            # Counted with the user (community.members.auth_backends).
            context["unread_notification_count"] = user.unread_notification_count
        else:
            # Counted only when a template shows it.
            context["unread_notification_count"] = SimpleLazyObject(
                lambda: unread_notifications(user).count()
            )
        if hasattr(user, "unread_conversation_count"):
            context["unread_conversation_count"] = user.unread_conversation_count
        else:
            from community.models import Participant

            context["unread_conversation_count"] = SimpleLazyObject(
                lambda: Participant.objects.unread_by(user).count()
            )
    return context
