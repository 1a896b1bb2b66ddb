from django.urls import path

from core.page_cache import cached_page
from pages import views
from pages.topics import TopicDetailView

# What the home page and the search show: a bit of every part.
EVERYTHING = ("library", "topics", "cohorts", "discussions", "boards", "people")
# A topic's page: its name, its resources (with their organizations), and its
# threads with their boards and the names of who started and last posted.
TOPIC = ("topics", "library", "discussions", "boards", "people")

urlpatterns = [
    path("", cached_page(*EVERYTHING)(views.HomeView.as_view()), name="home"),
    path(
        "search/", cached_page(*EVERYTHING)(views.SearchView.as_view()), name="search"
    ),
    # Any tag's slug: taggit's may hold letters beyond ASCII, which <slug:> refuses.
    path(
        "topics/<str:slug>/",
        cached_page(*TOPIC)(TopicDetailView.as_view()),
        name="topic_detail",
    ),
    # The same for everyone: kept for guests under no version, for a minute.
    path("help/", cached_page()(views.HelpView.as_view()), name="help"),
    path("healthz", views.health, name="health"),
]
