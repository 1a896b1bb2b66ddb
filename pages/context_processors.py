from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    context = {"SITE_NAME": settings.SITE_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from community.notifications.services import unread_notifications

        # Counted only when a template shows it.
        context["unread_notification_count"] = SimpleLazyObject(
            lambda: unread_notifications(user).count()
        )
    return context
