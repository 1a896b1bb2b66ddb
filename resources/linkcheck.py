"""Checks the external links of the resource library, with the standard library only.

``check_url`` asks one link (HEAD, then GET when the server refuses HEAD) and never
raises; ``resource_links_check`` asks many at once in threads and records the
outcomes on the resources from the calling thread, the only one that uses the
database.
"""

import contextlib
import http.client
import socket
import ssl
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit, urlunsplit

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from resources.models import Resource

USER_AGENT = "EquityCommonsLinkCheck/1.0"
CHECKED_SCHEMES = frozenset({"http", "https"})
# Answers by which servers refuse HEAD (or any request without a browser's manners)
# while GET may still work: the link is asked again with GET before it is judged.
HEAD_REFUSALS = frozenset({400, 403, 405, 406, 501})
# Failures a second request cannot mend: GET is not tried after them, so a dead
# host costs one timeout, not two.
FINAL_FAILURES = (socket.gaierror, ConnectionRefusedError, TimeoutError, ssl.SSLError)
GET_READ_BYTES = 512
MAX_ERROR_LENGTH = 200  # Resource.link_error


@dataclass(frozen=True)
class LinkResult:
    status: int | None  # the final HTTP status, None when no answer came
    error: str = ""  # why no answer came; empty when there is a status

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


class _RedirectError(urllib.error.URLError):
    """A redirect that is not followed; asking again with GET would not help."""


class _HttpOnlyRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow redirects (HEAD stays HEAD), but only to other http(s) addresses."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in CHECKED_SCHEMES:
            fp.close()
            raise _RedirectError(f"Redirects to a non-web address: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_ERROR_LENGTH:
        text = text[: MAX_ERROR_LENGTH - 1] + "…"
    return text


def _cause(exc: BaseException) -> BaseException:
    """The underlying error that urllib wrapped in a URLError, if any."""
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        return exc.reason
    return exc


def _is_final(exc: BaseException) -> bool:
    return isinstance(exc, _RedirectError) or isinstance(_cause(exc), FINAL_FAILURES)


def _describe(exc: BaseException, *, timeout: float) -> str:
    exc = _cause(exc)
    if isinstance(exc, TimeoutError):
        message = f"Timed out after {timeout:g} s"
    elif isinstance(exc, socket.gaierror):
        message = f"Host not found ({exc.strerror or exc})"
    elif isinstance(exc, ConnectionRefusedError):
        message = "Connection refused"
    elif isinstance(exc, ssl.SSLCertVerificationError):
        message = f"Certificate not valid: {exc.verify_message or exc}"
    elif isinstance(exc, ssl.SSLError):
        message = f"SSL error: {exc.reason or exc}"
    elif isinstance(exc, http.client.RemoteDisconnected | ConnectionResetError):
        message = "Connection closed by the server without an answer"
    elif isinstance(exc, urllib.error.URLError):
        message = str(exc.reason)
    else:
        message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return _short(message)


def _request(url: str, method: str, *, timeout: float) -> int:
    """The final status of one request after redirects; raises on failure."""
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    opener = urllib.request.build_opener(_HttpOnlyRedirectHandler)
    try:
        with opener.open(request, timeout=timeout) as response:
            if method == "GET":
                # The status is known; a body that stalls does not change it.
                with contextlib.suppress(OSError, http.client.HTTPException):
                    response.read(GET_READ_BYTES)
            return response.status
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code < 400:  # A redirect loop or one redirect too many.
            raise _RedirectError(f"Too many redirects (HTTP {exc.code})") from exc
        return exc.code


def check_url(url: str, *, timeout: float) -> LinkResult:
    """Ask whether a link works; never raises.

    HEAD first; GET (reading only a few bytes) when the server refuses HEAD or
    drops the connection. Redirects are followed. Without an answer the status is
    None and the error says why, in at most 200 characters.
    """
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() not in CHECKED_SCHEMES or not parts.hostname:
            return LinkResult(
                None, "Not a web link: only http and https links are checked"
            )
    except ValueError as exc:
        return LinkResult(None, _short(f"Malformed link: {exc}"))
    # Curators may paste links with accents or spaces in the path; http.client
    # sends only ASCII (a non-ASCII host name is encoded by the socket layer).
    url = urlunsplit(
        parts._replace(
            path=iri_to_uri(parts.path), query=iri_to_uri(parts.query), fragment=""
        )
    )
    try:
        status = _request(url, "HEAD", timeout=timeout)
        if status not in HEAD_REFUSALS:
            return LinkResult(status)
    except Exception as exc:
        if _is_final(exc):
            return LinkResult(None, _describe(exc, timeout=timeout))
    try:
        return LinkResult(_request(url, "GET", timeout=timeout))
    except Exception as exc:
        return LinkResult(None, _describe(exc, timeout=timeout))


def broken_links(resources: QuerySet) -> QuerySet:
    """Those checked without a working answer (as the admin's "Broken" filter)."""
    return resources.exclude(link_checked_at=None).exclude(link_status__lt=400)


def resource_links_check(
    *, resources: QuerySet, timeout: float = 5.0, workers: int = 8
) -> dict[str, int]:
    """Check the links of the resources and record status, error and date.

    Resources without a link are skipped; a link shared by several resources is
    asked once. Returns the counts "checked", "working" and "broken".
    """
    pks_by_url: dict[str, list[int]] = defaultdict(list)
    for pk, url in resources.exclude(url="").values_list("pk", "url"):
        pks_by_url[url].append(pk)
    urls = list(pks_by_url)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(
            zip(urls, pool.map(partial(check_url, timeout=timeout), urls), strict=True)
        )
    counts = {"checked": 0, "working": 0, "broken": 0}
    now = timezone.now()
    with transaction.atomic():
        for url, result in results.items():
            pks = pks_by_url[url]
            Resource.objects.filter(pk__in=pks).update(
                link_status=result.status,
                link_error=result.error,
                link_checked_at=now,
            )
            counts["checked"] += len(pks)
            counts["working" if result.ok else "broken"] += len(pks)
    return counts
