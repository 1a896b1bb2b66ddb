from django.urls import path, register_converter

from cohorts import attendance_views, outcome_views, views
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
        "<slug:program>/<slug:cohort>/sessions/<int:session>/rsvp/",
        attendance_views.SessionRespondView.as_view(),
        name="session_respond",
    ),
    path(
        "<slug:program>/<slug:cohort>/sessions/<int:session>/attendance/",
        attendance_views.AttendanceRecordView.as_view(),
        name="attendance_record",
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
    path(
        "<slug:program>/<slug:cohort>/dashboard/",
        outcome_views.CohortDashboardView.as_view(),
        name="cohort_dashboard",
    ),
    path(
        "<slug:program>/<slug:cohort>/dashboard.csv",
        outcome_views.CohortDashboardCsvView.as_view(),
        name="cohort_dashboard_csv",
    ),
    path(
        "<slug:program>/<slug:cohort>/milestones/",
        outcome_views.MilestoneRecordView.as_view(),
        name="milestone_record",
    ),
    path(
        "<slug:program>/<slug:cohort>/milestones/<int:milestone>/remove/",
        outcome_views.MilestoneRemoveView.as_view(),
        name="milestone_remove",
    ),
]
