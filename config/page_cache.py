"""Whole pages, kept per content generation: for guests, and for each member.

A visitor who sends no cookie at all is a guest with no session, no messages and
no CSRF token: every such visitor gets the same page for the same URL. The page is
kept in the cache under the URL and the content generation (config/generation.py),
so any edit, hiding, publication or change of a board's visibility makes it
unreachable at once, and for GUEST_PAGE_SECONDS at most, so what depends on the
clock ("3 minutes ago", upcoming sessions) is never older than that.

A response is kept only when nothing in it belongs to one visitor: a 200 that sets
no cookie, asked for no CSRF token, used no CSP nonce, started no session and
queued no message.

A signed-in member's page is kept for that browser alone: its key holds the session
and CSRF cookies (the page carries a CSRF token made for that browser), the
generation (which also moves when a membership, a role, a suspension or a board's
visibility changes), the member's unread notification count and the member's own
version number, which any POST, PUT or DELETE by the member moves
(MemberPagesMiddleware), as does reading a thread (community.services.board). A
page that showed a message ("Saved") is not kept.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse

from config.generation import content_generation

GUEST_PAGE_SECONDS = 60
MEMBER_PAGE_SECONDS = 60
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def _version_key(user_id: int) -> str:
    return f"member-pages:{user_id}"


def member_pages_changed(user_id: int) -> None:
    """Make every page kept for this member unreachable (they did something)."""
    try:
        cache.incr(_version_key(user_id))
    except ValueError:  # never set, or evicted: start where no old key can be
        cache.set(_version_key(user_id), time.time_ns(), None)


def _member_version(user_id: int) -> int:
    version = cache.get(_version_key(user_id))
    if version is None:
        version = time.time_ns()
        cache.set(_version_key(user_id), version, None)
    return version


class MemberPagesMiddleware:
    """Any request by a member that may write moves the member's page version."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.method not in SAFE_METHODS and user and user.is_authenticated:
            member_pages_changed(user.pk)
        return response


def _member_state(user_id: int) -> tuple[int, int]:
    """The content generation and the member's unread count, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_value, (SELECT count(*) FROM community_notification"
            " WHERE recipient_id = %s AND read_at IS NULL)"
            " FROM community_search_generation",
            [user_id],
        )
        return cursor.fetchone()


def _keepable(request, response, *, guest: bool) -> bool:
    """Nothing in the response is for this one request: a plain 200 that set no
    cookie, used no CSP nonce, wrote no session and showed or queued no message
    (and, for a guest, asked for no CSRF token)."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (guest and request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        # A member's page carries a CSRF token for the cookie the browser sent.
        and (guest or settings.CSRF_COOKIE_NAME in request.COOKIES)
        and not getattr(request, "_csp_nonce", None)
        and not (session is not None and session.modified)
        and not (messages is not None and getattr(messages, "_queued_messages", None))
        and not (messages is not None and getattr(messages, "used", False))
    )


def _member_key(request) -> str:
    parts = (
        *_member_state(request.user.pk),
        _member_version(request.user.pk),
        request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        request.get_host(),
        request.get_full_path(),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"member-page:{request.user.pk}:{digest}"


def _kept(key: str, seconds: int, request, view, args, kwargs, *, guest: bool):
    found = cache.get(key)
    if found is not None:
        content, content_type = found
        response = HttpResponse(content, content_type=content_type)
        response["Vary"] = "Cookie"
        return response
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if _keepable(request, response, guest=guest):
        cache.set(key, (response.content, response["Content-Type"]), seconds)
    return response


def cached_page(view):
    """Serve view's page from the cache when it may be (see the module's doc)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if not request.COOKIES:
            generation = content_generation()
            address = f"{request.get_host()}{request.get_full_path()}"
            digest = hashlib.sha256(address.encode()).hexdigest()
            key = f"guest-page:{generation}:{digest}"
            return _kept(
                key, GUEST_PAGE_SECONDS, request, view, args, kwargs, guest=True
            )
        if (
            settings.MEMBER_PAGE_CACHE
            and request.user.is_authenticated
            and not _has_stored_messages(request)
        ):
            return _kept(
                _member_key(request),
                MEMBER_PAGE_SECONDS,
                request,
                view,
                args,
                kwargs,
                guest=False,
            )
        return view(request, *args, **kwargs)

    return wrapper


def _has_stored_messages(request) -> bool:
    """Messages waiting to be shown (after a redirect): the page must show them."""
    return bool(
        request.COOKIES.get(CookieStorage.cookie_name)
        or request.session.get(SessionStorage.session_key)
    )
