from django.urls import path

from core.page_cache import cached_page
from pages import views

# What the home page and the search show: a bit of every part.
EVERYTHING = ("library", "topics", "cohorts", "discussions", "boards", "people")

urlpatterns = [
    path("", cached_page(*EVERYTHING)(views.HomeView.as_view()), name="home"),
    path(
        "search/", cached_page(*EVERYTHING)(views.SearchView.as_view()), name="search"
    ),
    path("healthz", views.health, name="health"),
]
