"""Guests' whole pages, kept under the versions of what they show.

A visitor who sends no cookie at all is a guest with no session, no messages and
no CSRF token: every such visitor gets the same page for the same URL. Each
cached page names the scopes it shows (`cached_page("thread:{pk}", "boards")`,
formatted with the URL's arguments); the page is kept under the URL, the current
numbers of those scopes (core/versions.py) and the current minute, so

- a committed change to anything the page shows (an edit, a hiding, a board made
  private, a publication) is on the next request, and a change that is rolled
  back never is;
- what depends on the clock ("3 minutes ago", upcoming sessions) is never more
  than GUEST_PAGE_SECONDS old.

Only guests' pages are kept: a member's page holds their CSRF token, unread marks
and reactions, and who may see what is decided by the view on every member's
request. A response is kept only when nothing in it belongs to one visitor: a 200
that sets no cookie, asked for no CSRF token, used no CSP nonce, started no session,
queued no message and did not say `Cache-Control: private` or `no-store`. A kept page
is served with every header the view gave it.

For a proxy or CDN in front, kept pages say `Cache-Control: public` with a short
max-age and stale-while-revalidate, `Vary: Cookie`, and a weak ETag named after the
key: a guest's revalidation (If-None-Match) is answered 304 from the versions alone.
`X-Cache: hit` or `miss` says whether a guest's page came from the cache.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

from core import versions

GUEST_PAGE_SECONDS = 60
# What a proxy may serve without asking (and then while it asks in the background).
PROXY_MAX_AGE = 10
PROXY_STALE_SECONDS = 30
CACHE_CONTROL = (
    f"public, max-age={PROXY_MAX_AGE}, stale-while-revalidate={PROXY_STALE_SECONDS}"
)
_NOT_KEPT_HEADERS = {"set-cookie", "date", "content-length", "x-cache"}


def _keepable(request, response) -> bool:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_csp_nonce", None)
        and not (session is not None and session.modified)
        and not (messages is not None and getattr(messages, "_queued_messages", None))
        and not (messages is not None and getattr(messages, "used", False))
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _replay(kept) -> HttpResponse:
    content, headers = kept
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "hit"  # for the operator (and bench/mix.py)
    return response


def _period() -> int:
    """Which GUEST_PAGE_SECONDS of time it is: a kept page is never older."""
    return int(time.time() // GUEST_PAGE_SECONDS)


def _guest_page(scopes, request, view, args, kwargs):
    stamp = versions.stamp(*(scope.format(**kwargs) for scope in scopes))
    name = versions.digest(
        stamp,
        _period(),
        request.get_host(),
        request.get_full_path(),
    )
    key = f"guest-page:{name}"
    etag = f'W/"{name[:40]}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["Cache-Control"] = CACHE_CONTROL
        patch_vary_headers(not_modified, ["Cookie"])
        return not_modified
    kept = cache.get(key)
    if kept is not None:
        return _replay(kept)
    # What the view keeps of its own (a search's sections) hangs on numbers of
    # the same scopes: those just read serve it.
    with versions.known(stamp):
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    if _keepable(request, response):
        response["Cache-Control"] = CACHE_CONTROL
        response["ETag"] = etag
        patch_vary_headers(response, ["Cookie"])
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _NOT_KEPT_HEADERS
        ]
        cache.set(key, (response.content, headers), GUEST_PAGE_SECONDS)
    response["X-Cache"] = "miss"
    return response


def cached_page(*scopes: str):
    """Keep guests' pages of the view under the versions of these scopes (see the
    module's doc); "{name}" in a scope is the URL's argument of that name."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if (
                settings.PAGE_CACHE
                and request.method in ("GET", "HEAD")
                and not request.COOKIES
            ):
                return _guest_page(scopes, request, view, args, kwargs)
            return view(request, *args, **kwargs)

        wrapper.scopes = scopes
        return wrapper

    return decorate
