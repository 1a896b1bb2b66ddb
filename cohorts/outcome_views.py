"""A cohort's outcomes: the dashboard and its CSV, for the cohort's people and
program staff (the workspace's rule: anyone else gets 404), and the forms by
which a city records its milestones on the cohort page."""

import csv

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from cohorts import outcomes
from cohorts.dashboard import Dashboard, attach_milestones, cohort_dashboard
from cohorts.models import Milestone, MilestoneKind
from cohorts.outcome_chart import outcome_chart
from cohorts.outcome_forms import MilestoneForm
from cohorts.permissions import may_update_plan
from cohorts.views import _cohort_or_404, _workspace_or_404
from core.translated import shown

MILESTONE_RECORDED = _("Recorded “%(kind)s” for %(city)s, reached on %(date)s.")
MILESTONE_REMOVED = _("“%(kind)s” is no longer recorded for %(city)s.")
# What a spreadsheet would run as a formula if a cell started with it (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CohortDashboardView(View):
    template_name = "cohorts/cohort_dashboard.html"

    def get(self, request, program, cohort):
        cohort = _cohort_or_404(program, cohort)
        _workspace_or_404(request, cohort)
        dashboard = cohort_dashboard(cohort)
        context = {
            "cohort": cohort,
            "program": cohort.program,
            "dashboard": dashboard,
            "rows": [(city, dashboard.dates(city)) for city in dashboard.cities],
            "chart": outcome_chart(dashboard),
        }
        return render(request, self.template_name, context)


def safe_cell(value):
    """A text cell a spreadsheet would take for a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def dashboard_rows(dashboard: Dashboard):
    """The dashboard as CSV rows: a header, then one row per city."""
    yield [
        gettext("City"),
        gettext("State"),
        gettext("In public totals"),
        gettext("Plan items"),
        gettext("Plan items done"),
        gettext("Plan items in progress"),
        gettext("Plan items not started"),
        gettext("Milestones reached"),
        *(
            gettext("Reached on: %(milestone)s")
            % {"milestone": shown(kind, "name").text}
            for kind in dashboard.kinds
        ),
        gettext("Sessions held"),
        gettext("Sessions attended"),
        gettext("Attendances (people × sessions)"),
        gettext("People per session attended"),
    ]
    for city in dashboard.cities:
        yield [
            city.city.name,
            city.city.state,
            gettext("yes") if city.shows_outcomes else gettext("no"),
            city.items_total,
            city.items_done,
            city.items_started,
            city.items_not_started,
            len(city.milestones),
            *(day.isoformat() if day else "" for day in dashboard.dates(city)),
            city.sessions_held,
            city.sessions_attended,
            city.attendances,
            "" if city.people_per_session is None else city.people_per_session,
        ]


class CohortDashboardCsvView(View):
    def get(self, request, program, cohort):
        cohort = _cohort_or_404(program, cohort)
        _workspace_or_404(request, cohort)
        name = f"{cohort.program.slug}-{cohort.slug}-outcomes.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        response.write("\ufeff")  # so that spreadsheets read it as UTF-8
        writer = csv.writer(response)
        for row in dashboard_rows(cohort_dashboard(cohort)):
            writer.writerow([safe_cell(value) for value in row])
        return response


def _back_to(city) -> str:
    return city.cohort.get_absolute_url() + f"#milestones-{city.city.slug}"


class MilestoneRecordView(LoginRequiredMixin, View):
    """Record a milestone from a city's form on the cohort page. A refusal shows
    the form again, with what was typed and why, and stores nothing."""

    def post(self, request, program, cohort):
        cohort = _cohort_or_404(program, cohort)
        membership = _workspace_or_404(request, cohort)
        form = MilestoneForm(request.POST, cohort=cohort)
        city = _posted_city(form)
        if not may_update_plan(request.user, city, membership):
            raise PermissionDenied(outcomes.MILESTONE_NOT_YOURS)
        if form.is_valid():
            try:
                milestone = outcomes.milestone_record(
                    recorded_by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _recorded(milestone))
                return redirect(_back_to(city))
        form.fields["kind"].queryset = MilestoneKind.objects.filter(
            program_id=cohort.program_id
        ).exclude(milestones__city=city)
        attach_milestones(cohort, [city])
        context = {"cohort": cohort, "program": cohort.program, "city": city}
        return render(
            request, "cohorts/milestone_form.html", context | {"form": form}, status=400
        )


def _posted_city(form: MilestoneForm):
    """The cohort's city the form is for; 404 for any other value."""
    try:
        return form.fields["city"].clean(form.data.get("city"))
    except ValidationError:
        raise Http404 from None


def _add_errors(form, error: ValidationError) -> None:
    for field, errors in error.update_error_dict({}).items():
        form.add_error(field if field in form.fields else None, errors)


def _recorded(milestone: Milestone) -> str:
    return MILESTONE_RECORDED % {
        "kind": shown(milestone.kind, "name").text,
        "city": milestone.city.city,
        "date": date_format(milestone.reached_on, "DATE_FORMAT"),
    }


class MilestoneRemoveView(LoginRequiredMixin, View):
    def post(self, request, program, cohort, milestone):
        cohort = _cohort_or_404(program, cohort)
        _workspace_or_404(request, cohort)
        milestone = get_object_or_404(
            Milestone.objects.select_related("kind", "city__city", "city__cohort"),
            pk=milestone,
            city__cohort=cohort,
        )
        outcomes.milestone_remove(milestone=milestone, user=request.user)
        messages.success(
            request,
            MILESTONE_REMOVED
            % {"kind": shown(milestone.kind, "name").text, "city": milestone.city.city},
        )
        return redirect(_back_to(milestone.city))
