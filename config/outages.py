"""When the database is away: answer at once, and say so.

A page that cannot reach PostgreSQL answers 503 with Retry-After and the site's
own error page, within the pool's short timeout (DATABASE_POOL_TIMEOUT). When
no connection could be had at all, this process then answers 503 for a few
seconds without trying, so a queue of waiting clients does not tie up every
worker; the first request after the pause tries again. A query cut off by a
restart answers 503 without a pause: the pool hands out fresh connections at
once. /healthz always tries, and says which dependency is down.
"""

import logging
import time

import psycopg
import psycopg_pool
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError, psycopg.OperationalError)
PAUSE = 5.0  # seconds without trying, after a failure
RETRY_AFTER = 30  # what clients are told

_down_until = 0.0  # per process: time.monotonic() until which not to try
_down = False  # for logging once per outage


def _could_not_connect(error: BaseException | None) -> bool:
    while error is not None:
        if isinstance(error, psycopg_pool.PoolTimeout):
            return True
        if str(error).startswith(("connection failed", "could not connect")):
            return True
        error = error.__cause__ or error.__context__
    return False


def database_down(error: BaseException) -> None:
    """Note a failure to reach the database: pause if no connection could be had,
    and log once per outage."""
    global _down_until, _down
    if _could_not_connect(error):
        _down_until = time.monotonic() + PAUSE
    if not _down:
        _down = True
        logger.error(
            "The database is unreachable; pages answer 503 until it is back: %s",
            str(error).strip().splitlines()[0] if str(error).strip() else error,
        )


def database_up() -> None:
    global _down_until, _down
    if _down:
        logger.warning("The database is reachable again.")
    _down_until = 0.0
    _down = False


def paused() -> bool:
    return time.monotonic() < _down_until


def unavailable(request) -> HttpResponse:
    """The site's 503 page: rendered without the database (no user, no session)."""
    template = loader.get_template("503.html")
    response = HttpResponse(
        template.render({"request": request, "SITE_NAME": settings.SITE_NAME}),
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """First of all middleware: while paused after a failure, answer 503 at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if paused() and request.path != "/healthz":
            response = unavailable(request)
            response._has_been_logged = True  # logged once per outage instead
            return response
        response = self.get_response(request)
        if _down and response.status_code < 500:
            database_up()
        return response
