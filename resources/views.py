import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Case, Q, When
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core import ratelimit, storage, versions
from core.pagination import ForgivingPaginationMixin
from core.text import clean_query
from core.translated import lang_attribute, shown
from resources.cards import cards_html
from resources.filesearch import file_hit, found_in_file
from resources.filters import LibraryFilters, search_resources
from resources.forms import SuggestionForm
from resources.models import Bookmark, Collection, Resource, published
from resources.selectors import library, resource_page
from resources.services import SUGGESTION_THANKS, bookmark_toggle, resource_suggest
from resources.versions import FACETS, LIBRARY, TOPICS

SUGGESTION_LIMIT = (5, 60 * 60)  # suggestions per member per hour
SUGGESTION_RATE_LIMITED = _(
    "You have sent several suggestions in the last hour. Please try again later."
)
SHOWN = (LIBRARY, TOPICS)  # the scopes of what the library's lists show
LIST_SHOWN = (*SHOWN, FACETS)  # and the library page's facet counts
SAVED = _("Saved. You'll find it under “Saved resources”.")
UNSAVED = _("Removed from your saved resources.")


BODY_TEMPLATE = "resources/_library_body.html"


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
        queryset, self.counts = library(self.filters, self.stamp)
        return queryset

    def paginate_queryset(self, queryset, page_size):
        """The page's resources by the ids cached for this filter state: sorting
        by rank or by date through a filter costs more than the page itself."""
        paginator = self.get_paginator(queryset, page_size)
        paginator.count = self.counts.count  # counted once with the facets
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        start = (page.number - 1) * page_size
        ids = versions.cached(
            "library:page",
            self.stamp,
            (*self.filters.cache_key, self.filters.sort, page.number, page_size),
            lambda: list(
                queryset.values_list("pk", flat=True)[start : start + page_size]
            ),
        )
        found = Resource.objects.filter(pk__in=ids).without_vectors()
        if self.filters.q:
            # A resource found only by its file's words says where in the file.
            found = found.annotate(file_hit=file_hit(self.filters.q))
        rows = {
            resource.pk: resource
            for resource in found.select_related("organization").prefetch_related(
                "tags"
            )
        }
        page.object_list = [rows[pk] for pk in ids if pk in rows]
        for resource in page.object_list:
            resource.found_in_file = found_in_file(resource)
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
            capped=self.counts.capped,
            facet_titles={
                "kind": _("Kind"),
                "topic": _("Topic"),
                "org": _("Organization"),
                "year": _("Year"),
            },
            querystring=params.urlencode(),
        )
        return context


def _without(params, name: str, value: str) -> str:
    remaining = params.copy()
    remaining.setlist(name, [v for v in params.getlist(name) if v != value])
    return remaining.urlencode()


def jsonld(resource: Resource, request) -> str:
    """schema.org description of the resource, without anything internal."""
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": resource.title,
        "description": resource.summary,
        "url": request.build_absolute_uri(resource.get_absolute_url()),
        "isAccessibleForFree": resource.is_free,
        "keywords": [tag.name for tag in resource.topics],
    }
    if resource.published_on:
        data["datePublished"] = resource.published_on.isoformat()
    if resource.organization:
        data["publisher"] = {
            "@type": "Organization",
            "name": resource.organization.name,
        }
    if resource.url:
        data["sameAs"] = resource.url
    audience = resource.audiences
    if audience:
        data["audience"] = [{"@type": "Audience", "audienceType": a} for a in audience]
    text = json.dumps(data, ensure_ascii=False)
    # Never let the data close its <script> element.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above


class ResourceDetailView(DetailView):
    template_name = "resources/resource_detail.html"
    context_object_name = "resource"

    def get_object(self, queryset=None):
        resource = resource_page(self.request.user, self.kwargs["slug"])
        if resource is None:
            raise Http404
        return resource

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resource = self.object
        context["related"] = resource.related_shown
        context["collections"] = resource.in_collections
        context["is_saved"] = resource.is_saved
        context["jsonld"] = jsonld(resource, self.request)
        context["meta_description"] = escape(shown(resource, "summary").text[:300])
        return context


class ResourceDownloadView(View):
    def get(self, request, slug):
        resource = get_object_or_404(
            Resource.objects.visible_to(request.user), slug=slug
        )
        if not resource.file:
            raise Http404
        return storage.serve(
            resource.file,
            filename=resource.file.name.rsplit("/", 1)[-1],
            as_attachment=True,
        )


def resource_autocomplete(request):
    """Published resources whose title (or text) matches, in English or Spanish,
    for pickers: each with its title in the reader's language, and "lang" when
    that title is in another language than the reader's."""
    q = clean_query(request.GET.get("q", ""), max_length=100)
    if len(q) < 2:
        return JsonResponse({"results": []})
    in_title = Q(title__icontains=q) | Q(title_es__icontains=q)
    matches = Resource.objects.published().filter(
        in_title
        | Q(pk__in=search_resources(Resource.objects.published(), q).values("pk"))
    )
    # Titles holding what was typed come first: a picker looks for a title, and
    # resources that only mention the words must not crowd it out of the 8.
    ordered = matches.order_by(Case(When(in_title, then=0), default=1), "title")
    results = [_picked(r, request) for r in ordered[:8]]
    return JsonResponse({"results": results})


def _picked(resource: Resource, request) -> dict:
    title = shown(resource, "title")
    url = request.build_absolute_uri(resource.get_absolute_url())
    if lang_attribute(title.lang):
        return {"title": title.text, "url": url, "lang": title.lang}
    return {"title": title.text, "url": url}


class BookmarkToggleView(LoginRequiredMixin, View):
    def post(self, request, slug):
        resource = get_object_or_404(Resource.objects.published(), slug=slug)
        saved = bookmark_toggle(user=request.user, resource=resource)
        messages.success(request, SAVED if saved else UNSAVED)
        return redirect(resource)


class SavedResourcesView(LoginRequiredMixin, ForgivingPaginationMixin, ListView):
    template_name = "resources/saved_list.html"
    context_object_name = "bookmarks"
    paginate_by = 24

    def get_queryset(self):
        return (
            Bookmark.objects.filter(published("resource"), user=self.request.user)
            .select_related("resource", "resource__organization")
            .order_by("-created_at", "-pk")
        )


class CollectionListView(ListView):
    template_name = "resources/collection_list.html"
    context_object_name = "collections"

    def get_queryset(self):
        return Collection.objects.published()


class CollectionDetailView(DetailView):
    template_name = "resources/collection_detail.html"
    context_object_name = "collection"

    def get_queryset(self):
        return Collection.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = (
            self.object.items.filter(published("resource"))
            .select_related("resource", "resource__organization")
            .prefetch_related("resource__tags")
            .order_by("position", "pk")
        )
        # The items' list is cached in the template for these versions.
        context["stamp"] = versions.stamp(*SHOWN)
        context["fragment_seconds"] = versions.CACHE_SECONDS
        return context


class SuggestView(LoginRequiredMixin, FormView):
    template_name = "resources/suggest_form.html"
    form_class = SuggestionForm

    def form_valid(self, form):
        allowed = ratelimit.hit(
            f"suggest:{self.request.user.pk}",
            limit=SUGGESTION_LIMIT[0],
            period=SUGGESTION_LIMIT[1],
        )
        if not allowed:
            form.add_error(None, SUGGESTION_RATE_LIMITED)
            return render(
                self.request,
                self.template_name,
                self.get_context_data(form=form),
                status=429,
            )
        resource_suggest(member=self.request.user, **form.cleaned_data)
        return redirect("resources:suggest_thanks")


class SuggestThanksView(LoginRequiredMixin, TemplateView):
    template_name = "resources/suggest_thanks.html"
    extra_context = {"thanks": SUGGESTION_THANKS}
