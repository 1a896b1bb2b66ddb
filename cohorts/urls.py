from django.urls import path, register_converter

from cohorts import views
from core.page_cache import cached_page

# What the program pages show: sessions' materials, coaches, the cohort's board.
SHOWN = ("cohorts", "library", "topics", "people", "boards")


class TokenConverter:
    """A calendar token's alphabet (URL-safe base64); anything else is a 404."""

    regex = "[A-Za-z0-9_-]{16,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")

app_name = "cohorts"

urlpatterns = [
    path("", cached_page(*SHOWN)(views.ProgramListView.as_view()), name="program_list"),
    path(
        "<slug:program>/",
        cached_page(*SHOWN)(views.ProgramDetailView.as_view()),
        name="program_detail",
    ),
    path(
        "<slug:program>/<slug:cohort>/",
        cached_page(*SHOWN)(views.CohortDetailView.as_view()),
        name="cohort_detail",
    ),
    path(
        "<slug:program>/<slug:cohort>/sessions/<int:session>/",
        views.SessionDetailView.as_view(),
        name="session_detail",
    ),
    path(
        "<slug:program>/<slug:cohort>/calendar.ics",
        views.CalendarView.as_view(),
        name="cohort_calendar",
    ),
    path(
        "<slug:program>/<slug:cohort>/calendar/<token:token>.ics",
        views.CalendarView.as_view(),
        name="cohort_calendar_private",
    ),
    path(
        "<slug:program>/<slug:cohort>/calendar/reset/",
        views.CalendarResetView.as_view(),
        name="cohort_calendar_reset",
    ),
    path(
        "<slug:program>/<slug:cohort>/action-plans/<int:item>/status/",
        views.ActionItemStatusView.as_view(),
        name="action_item_status",
    ),
]
