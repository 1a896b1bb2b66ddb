"""Whole pages for guests, kept per content generation.

A visitor who sends no cookie at all is a guest with no session, no messages and
no CSRF token: every such visitor gets the same page for the same URL. The page is
kept in the cache under the URL and the content generation (config/generation.py),
so any edit, hiding, publication or change of a board's visibility makes it
unreachable at once, and for GUEST_PAGE_SECONDS at most, so what depends on the
clock ("3 minutes ago", upcoming sessions) is never older than that.

A response is kept only when nothing in it belongs to one visitor: a 200 that sets
no cookie, asked for no CSRF token, used no CSP nonce, started no session and
queued no message. Signed-in members are never served from here.
"""

from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from config.generation import content_generation

GUEST_PAGE_SECONDS = 60


def _is_plain_guest(request) -> bool:
    return request.method in ("GET", "HEAD") and not request.COOKIES


def _belongs_to_nobody(request, response) -> bool:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_csp_nonce", None)
        and not (session is not None and session.modified)
        and not (messages is not None and getattr(messages, "_queued_messages", None))
    )


def guest_cached(view):
    """Serve view's page to plain guests from the cache (see the module's doc)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _is_plain_guest(request):
            return view(request, *args, **kwargs)
        generation = content_generation()
        if generation is None:  # SQLite: nothing tells when content changed
            return view(request, *args, **kwargs)
        key = f"guest-page:{generation}:{request.get_host()}:{request.get_full_path()}"
        if len(key) > 1000:
            return view(request, *args, **kwargs)
        found = cache.get(key)
        if found is not None:
            content, content_type = found
            response = HttpResponse(content, content_type=content_type)
            response["Vary"] = "Cookie"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _belongs_to_nobody(request, response):
            cache.set(
                key,
                (response.content, response["Content-Type"]),
                GUEST_PAGE_SECONDS,
            )
        return response

    return wrapper
