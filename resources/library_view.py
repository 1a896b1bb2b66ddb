"""The library's page: its filters, facets and page of resources, in a body the
same for every viewer and kept under the numbers of what it shows."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from core import versions
from core.jinja_env import render_partial
from resources.cards import card_resources, cards_html
from resources.filters import LibraryFilters
from resources.selectors import library
from resources.versions import FACETS, LIBRARY, TOPICS

LIST_SHOWN = (LIBRARY, TOPICS, FACETS)  # what the library's page shows
BODY_TEMPLATE = "resources/_library_body.html"
FACET_TITLES = {"kind": _("Kind"), "topic": _("Topic"), "org": _("Organization"),
                "year": _("Year")}  # fmt: skip


class ResourceListView(ListView):
    template_name = "resources/resource_list.html"
    context_object_name = "resources"
    paginate_by = 24

    def get(self, request, *args, **kwargs):
        """The page around the library's body, which is the same for every viewer
        and kept per URL and language under the numbers of what it shows
        (core/versions.py): a page kept there costs neither counts nor rows."""
        self.filters = LibraryFilters.from_query(request.GET)
        self.stamp = versions.stamp(*LIST_SHOWN)
        body = versions.cached(
            "library:body",
            self.stamp,
            (request.get_full_path(), get_language()),
            self.body,
        )
        context = {"filters": self.filters, "body": mark_safe(body)}  # noqa: S308
        return render(request, self.template_name, context)

    def body(self) -> str:
        """The form, the facets and the page of resources, as HTML."""
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        return render_to_string(BODY_TEMPLATE, context, request=self.request)

    def get_queryset(self):
        """The keys of the list's resources, in its order (library())."""
        keys, self.counts = library(self.filters, self.stamp)
        return keys

    def paginate_queryset(self, queryset, page_size):
        """The page's resources by the keys kept for this filter state: sorting
        by rank or by date through a filter costs more than the page itself."""
        paginator = self.get_paginator(queryset, page_size)
        paginator.count = self.counts.count  # counted once with the facets
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        start = (page.number - 1) * page_size
        if isinstance(queryset, list):
            ids = queryset[start : start + page_size]
        else:
            ids = versions.cached(
                "library:page",
                self.stamp,
                (*self.filters.cache_key, self.filters.sort, page.number, page_size),
                lambda: list(queryset[start : start + page_size]),
            )
        page.object_list = card_resources(ids, self.filters.q)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        labels = {
            (name, f.value): f.label
            for name, values in self.counts.facets.items()
            for f in values
        }
        active = (
            [("q", self.filters.q, f"“{self.filters.q}”")] if self.filters.q else []
        )
        for name, values in [
            ("kind", self.filters.kinds),
            ("topic", self.filters.topics),
            ("org", self.filters.organizations),
            ("year", [str(y) for y in self.filters.years]),
        ]:
            active += [(name, v, labels.get((name, v), v)) for v in values]
        context.update(
            cards=cards_html(context["resources"]),
            active_filters=[
                {"label": label, "remove_url": "?" + _without(params, name, value)}
                for name, value, label in active
            ],
            filters=self.filters,
            facets=self.counts.facets,
            facets_html=render_partial(
                "resources/_facets.jinja",
                {
                    "facets": [
                        (name, FACET_TITLES[name], values)
                        for name, values in self.counts.facets.items()
                        if values
                    ]
                },
            ),
            capped=self.counts.capped,
            querystring=params.urlencode(),
        )
        return context


def _without(params, name: str, value: str) -> str:
    remaining = params.copy()
    remaining.setlist(name, [v for v in params.getlist(name) if v != value])
    return remaining.urlencode()
