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
from django.utils import translation

from core.languages import request_language

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError, psycopg.OperationalError)
PAUSE = 5.0  # seconds without trying, after a failure
RETRY_AFTER = 30  # what clients are told


def first_line(error: BaseException) -> str:
    """What an error says, in one line (a connection error's hint follows it)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class Outage:
    """What this process knows of one dependency: whether to try it now (not for
    PAUSE seconds after a failure), and whether its outage was logged already."""

    def __init__(self, down: str, back: str):
        self.down_message, self.back_message = down, back
        self.until = 0.0  # time.monotonic() until which not to try
        self.down = False

    def failed(self, error: BaseException, *, pause: bool = True) -> None:
        if pause:
            self.until = time.monotonic() + PAUSE
        if not self.down:
            self.down = True
            logger.error("%s: %s", self.down_message, first_line(error))

    def recovered(self) -> None:
        if self.down:
            logger.warning(self.back_message)
        self.until = 0.0
        self.down = False

    def paused(self) -> bool:
        return time.monotonic() < self.until


database = Outage(
    "The database is unreachable; pages answer 503 until it is back",
    "The database is reachable again.",
)


def _could_not_connect(error: BaseException | None) -> bool:
    while error is not None:
        if isinstance(error, psycopg_pool.PoolTimeout):
            return True
        if str(error).startswith(("connection failed", "could not connect")):
            return True
        error = error.__cause__ or error.__context__
    return False


def database_down(error: BaseException) -> None:
    """Note a failure to reach the database: pause if no connection could be had
    at all (a query cut off by a restart is followed by fresh connections)."""
    database.failed(error, pause=_could_not_connect(error))


def unavailable(request) -> HttpResponse:
    """The site's 503 page: rendered without the database (no user, no session)."""
    template = loader.get_template("503.html")
    with translation.override(request_language(request)):
        body = template.render({"request": request, "SITE_NAME": settings.SITE_NAME})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """First of all middleware: while paused after a failure, answer 503 at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if database.paused() and request.path != "/healthz":
            response = unavailable(request)
            response._has_been_logged = True  # logged once per outage instead
            return response
        response = self.get_response(request)
        if database.down and response.status_code < 500:
            database.recovered()
        return response
