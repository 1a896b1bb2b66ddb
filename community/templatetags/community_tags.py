from django import template

from community.models import Thread
from community.permissions import standing

register = template.Library()


@register.inclusion_tag("community/_discussions_about.html", takes_context=True)
def discussions_about(context, resource, limit=5):
    """Threads sharing a library resource that the viewer may read, and a way to
    start one."""
    request = context["request"]
    threads = (
        Thread.objects.visible_to(request.user)
        .filter(resources=resource)
        .select_related("board")
        .order_by("-last_activity_at", "-pk")[:limit]
    )
    return {
        "resource": resource,
        "threads": threads,
        "can_start": standing(request.user).can_write,
        "user": request.user,
        "request": request,
    }
