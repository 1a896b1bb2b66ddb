from django.urls import path

from cohorts import views

app_name = "cohorts"

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program_list"),
    path("<slug:program>/", views.ProgramDetailView.as_view(), name="program_detail"),
    path(
        "<slug:program>/<slug:cohort>/",
        views.CohortDetailView.as_view(),
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
        "<slug:program>/<slug:cohort>/calendar/<str:token>.ics",
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
