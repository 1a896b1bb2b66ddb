"""The site's URLs plus /bench/ceiling/, for bench/load.py (bench/settings.py)."""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import (  # noqa: F401 (the error pages of the site)
    handler400,
    handler403,
    handler404,
    handler500,
)


def ceiling(request):
    """The cheapest page: every middleware, no template, no query."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/ceiling/", ceiling, name="bench_ceiling"),
    path("", include("config.urls")),
]
