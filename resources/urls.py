from django.urls import path

from core.page_cache import cached_page
from resources import views
from resources.feeds import LatestResourcesFeed
from resources.library_view import ResourceListView

app_name = "resources"

urlpatterns = [
    path(
        "",
        cached_page("library", "topics", "facets")(ResourceListView.as_view()),
        name="resource_list",
    ),
    path("feed/", LatestResourcesFeed(), name="resource_feed"),
    path("saved/", views.SavedResourcesView.as_view(), name="bookmark_list"),
    path("autocomplete/", views.resource_autocomplete, name="resource_autocomplete"),
    path("suggest/", views.SuggestView.as_view(), name="suggest"),
    path("suggest/thanks/", views.SuggestThanksView.as_view(), name="suggest_thanks"),
    path(
        "collections/",
        cached_page("library", "topics")(views.CollectionListView.as_view()),
        name="collection_list",
    ),
    path(
        "collections/<slug:slug>/",
        cached_page("library", "topics")(views.CollectionDetailView.as_view()),
        name="collection_detail",
    ),
    path(
        "<slug:slug>/",
        # The page lists the discussions about the resource (community).
        cached_page("library", "topics", "discussions", "boards")(
            views.ResourceDetailView.as_view()
        ),
        name="resource_detail",
    ),
    path(
        "<slug:slug>/download/",
        views.ResourceDownloadView.as_view(),
        name="resource_download",
    ),
    path(
        "<slug:slug>/save/", views.BookmarkToggleView.as_view(), name="bookmark_toggle"
    ),
]
