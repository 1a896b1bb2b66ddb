import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Case, Q, When
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core import ratelimit, storage, versions
from core.pagination import ForgivingPaginationMixin
from core.text import clean_query
from core.translated import lang_attribute, shown
from resources.filters import search_resources
from resources.forms import SuggestionForm
from resources.models import Bookmark, Collection, Resource, published
from resources.selectors import resource_page
from resources.services import SUGGESTION_THANKS, bookmark_toggle, resource_suggest
from resources.versions import LIBRARY, TOPICS

SUGGESTION_LIMIT = (5, 60 * 60)  # suggestions per member per hour
SUGGESTION_RATE_LIMITED = _(
    "You have sent several suggestions in the last hour. Please try again later."
)
SHOWN = (LIBRARY, TOPICS)  # the scopes of what the library's lists show
SAVED = _("Saved. You'll find it under “Saved resources”.")
UNSAVED = _("Removed from your saved resources.")


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
