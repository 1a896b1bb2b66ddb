"""Answers for pages that feel alive: a page's script asks every few seconds
whether anything new came (static/js/live.js), with the ETag of the last answer;
when nothing changed, the answer is 304 with no body."""

import json

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag


def answer(request, tag: str, data: dict) -> HttpResponse:
    """data as JSON under ETag tag, or 304 when the viewer's copy has that tag.
    Kept by the viewer's browser only, and asked for again each time."""
    etag = quote_etag(tag)
    response = HttpResponse(json.dumps(data), content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    # Django's own If-None-Match handling: a 304 with the same headers.
    return get_conditional_response(request, etag=etag, response=response)
