"""Site-wide pages: home, search, help, health check, and the error pages."""

import html
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.views.generic import TemplateView

from cohorts.models import Cohort
from cohorts.selectors import upcoming_sessions
from community.models import Thread
from core import outages
from core.jinja_env import render_partial
from core.languages import request_language
from pages.search import SECTIONS, search_from_query, site_search
from pages.search_results import results_html
from resources.models import Collection, Resource
from resources.selectors import featured_resources, topic_choices


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["featured_resources"] = featured_resources(limit=6)
        context["featured_collections"] = Collection.objects.published().filter(
            featured=True
        )[:3]
        user = self.request.user
        context["latest_threads"] = (
            Thread.objects.visible_to(user)
            .select_related("board")
            .order_by("-last_activity_at", "-pk")[:5]
        )
        if user.is_authenticated:
            context["my_cohorts"] = list(
                Cohort.objects.workspace_for(user)
                .select_related("program")
                .order_by("-starts_on")[:5]
            )
            context["upcoming_sessions"] = upcoming_sessions(user)
        return context


def options(choices, chosen) -> SafeString:
    """<option> elements for (value, label) pairs, those in chosen selected.
    Written with the standard library's escape, which is Django's without its
    wrappers: format_html_join took a millisecond for the search's seventy."""
    return mark_safe(  # noqa: S308 (every value and label escaped)
        "".join(
            f'<option value="{html.escape(str(value))}"'
            f"{' selected' if value in chosen else ''}>"
            f"{html.escape(str(label))}</option>"
            for value, label in choices
        )
    )


class SearchView(TemplateView):
    """One search over everything the viewer may read (pages/search.py)."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search = search_from_query(self.request.GET)
        context["search"] = search
        context["query"] = search.q
        # The filters' options, some seventy, are written here: rendered by the
        # template, they took half the time of a page of results.
        context["kind_options"] = options(Resource.Kind.choices, search.kinds)
        years = range(timezone.localdate().year + 1, 1989, -1)
        context["year_options"] = options(((y, y) for y in years), search.years)
        context["topic_options"] = options(topic_choices(), search.topics)
        if search.q:
            sections = site_search(self.request.user, search)
            context["sections"] = sections
            context["total"] = sum(section.count for section in sections)
            context["capped"] = any(section.capped for section in sections)
            context["shown"] = [
                section
                for section in sections
                if not search.section or section.key == search.section
            ]
            for section in context["shown"]:
                section.hits_html = render_partial(
                    "_search_hits.jinja", {"hits": section.hits}
                )
            context["left_out"] = [
                info for info in SECTIONS if not search.applies_to(info)
            ]
            context["results_html"] = results_html(self.request, search, context)
        return context


class HelpView(TemplateView):
    """Help and contact, linked from every page's footer, and the accessibility
    statement."""

    template_name = "help.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact_email"] = settings.SITE_CONTACT_EMAIL
        return context


def health(request):
    """For load balancers and operators: 200 when the database and the cache
    answer, else 503; the JSON says which one is down."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except outages.DATABASE_ERRORS as error:
        outages.database_down(error)
        checks["database"] = f"unreachable: {outages.first_line(error)}"
    else:
        outages.database.recovered()
    try:
        cache.set("healthz", 1, timeout=10)
        if cache.get("healthz") != 1:
            checks["cache"] = "unreachable: what was stored could not be read back"
    except Exception as error:  # noqa: BLE001 - any failure of the cache is news
        checks["cache"] = f"unreachable: {outages.first_line(error)}"
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks},
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


def _error(request, template, status, context=None):
    with translation.override(request_language(request)):
        return render(request, template, context, status=status)


def bad_request(request, exception=None):
    return _error(request, "400.html", 400)


def permission_denied(request, exception=None):
    # Services raise PermissionDenied with a message meant for the member.
    reason = str(exception) if exception and str(exception) else ""
    return _error(request, "403.html", 403, {"reason": reason})


def page_not_found(request, exception=None):
    return _error(request, "404.html", 404)


def server_error(request):
    # No request context: the failure may be in a context processor or the database.
    error = sys.exc_info()[1]
    if isinstance(error, outages.DATABASE_ERRORS):
        outages.database_down(error)
        return outages.unavailable(request)
    template = loader.get_template("500.html")
    with translation.override(request_language(request)):
        body = template.render({"request": request, "SITE_NAME": settings.SITE_NAME})
    return HttpResponseServerError(body)
