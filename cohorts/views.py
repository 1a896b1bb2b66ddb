"""Pages of the cohort program. Which cohorts and sessions a viewer sees is decided
by the querysets (Cohort.objects.workspace_for, Session.objects.visible_to)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView

from cohorts import attendance, selectors, services
from cohorts.calendar import cohort_calendar
from cohorts.dashboard import attach_milestones, program_totals
from cohorts.forms import ActionItemStatusForm
from cohorts.models import (
    ActionPlanItem,
    Cohort,
    CohortMembership,
    Program,
    Session,
    SessionResponse,
    is_program_staff,
)
from cohorts.permissions import may_update_plan, workspace_access
from core.people import active
from resources.models import Resource

CALENDAR_RESET = _(
    "Your private calendar address is new: the old one no longer works. "
    "Subscribe again with the address below."
)
STATUS_SAVED = _("“%(item)s” is now %(status)s.")


def _cohort_or_404(program_slug: str, cohort_slug: str) -> Cohort:
    return get_object_or_404(
        Cohort.objects.select_related("program", "announcement__organization"),
        program__slug=program_slug,
        slug=cohort_slug,
    )


def _workspace_or_404(request, cohort: Cohort) -> CohortMembership | None:
    """The viewer's membership; 404 for anyone who may not enter the workspace."""
    insider, membership = workspace_access(request.user, cohort)
    if not insider:
        raise Http404
    return membership


def _cohorts_with_city_counts() -> Prefetch:
    return Prefetch(
        "cohorts",
        queryset=Cohort.objects.annotate(
            city_count=Count("participating_cities")
        ).order_by("-starts_on"),
    )


def _published_materials() -> Prefetch:
    return Prefetch(
        "materials",
        queryset=Resource.objects.published().select_related("organization"),
    )


class ProgramListView(ListView):
    template_name = "cohorts/program_list.html"
    context_object_name = "programs"

    def get_queryset(self):
        return Program.objects.select_related("organization").prefetch_related(
            _cohorts_with_city_counts()
        )


class ProgramDetailView(DetailView):
    template_name = "cohorts/program_detail.html"
    slug_url_kwarg = "program"

    def get_queryset(self):
        return Program.objects.select_related("organization").prefetch_related(
            "partners", "funders", _cohorts_with_city_counts()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(totals=program_totals(self.object), **kwargs)


class CohortDetailView(View):
    """The public face of a cohort, and its workspace for the cohort's people."""

    template_name = "cohorts/cohort_detail.html"

    def get(self, request, program, cohort):
        cohort = _cohort_or_404(program, cohort)
        user = request.user
        insider, membership = workspace_access(user, cohort)
        sessions = list(
            Session.objects.visible_to(user).filter(cohort=cohort).for_listing()
        )
        context = {
            "cohort": cohort,
            "program": cohort.program,
            "cities": selectors.participating_cities(cohort),
            "sessions": sessions,
            "timeline": selectors.cohort_timeline(cohort, sessions),
            "insider": insider,
        }
        if insider:
            plans = list(selectors.plan_progress(cohort))
            for city in plans:
                city.may_update = may_update_plan(user, city, membership)
            attach_milestones(cohort, plans)
            context |= {
                "membership": membership,
                "roster": selectors.roster(cohort),
                "plans": plans,
                "status_choices": ActionPlanItem.Status.choices,
                "private_calendar_url": membership
                and request.build_absolute_uri(
                    reverse(
                        "cohorts:cohort_calendar_private",
                        args=[program, cohort.slug, membership.calendar_token],
                    )
                ),
            }
        return render(request, self.template_name, context)


class SessionDetailView(DetailView):
    template_name = "cohorts/session_detail.html"
    context_object_name = "session"
    pk_url_kwarg = "session"

    def get_queryset(self):
        self.cohort = _cohort_or_404(self.kwargs["program"], self.kwargs["cohort"])
        self.membership = _workspace_or_404(self.request, self.cohort)
        return (
            Session.objects.visible_to(self.request.user)
            .filter(cohort=self.cohort)
            .for_listing()
            .prefetch_related(_published_materials())
        )

    def get_context_data(self, **kwargs):
        session, user = self.object, self.request.user
        context = super().get_context_data(cohort=self.cohort, **kwargs)
        if session.cancelled:
            return context
        staff, started = is_program_staff(user), session.has_started
        return context | {
            "answers": attendance.session_answers(session, user),
            "may_answer": self.membership is not None and not started,
            "answer_choices": SessionResponse.Answer.choices,
            "program_staff": staff,
            "attendance_sheet": (
                attendance.attendance_sheet(session) if staff and started else None
            ),
        }


def _feed_language(viewer) -> str:
    """A member's private feed is in the language they chose; a feed without one
    is in the language the calendar program asks for (Accept-Language)."""
    profile = getattr(viewer, "profile", None)
    return getattr(profile, "language", "") or translation.get_language()


class CalendarView(View):
    """The cohort's public sessions; with a member's secret token, their private
    details too. A wrong or reset token answers 404."""

    def get(self, request, program, cohort, token=None):
        cohort = _cohort_or_404(program, cohort)
        viewer = None
        if token is not None:
            membership = (
                CohortMembership.objects.filter(
                    active("user"), cohort=cohort, calendar_token=token
                )
                .select_related("user__profile")
                .first()
            )
            if membership is None:
                raise Http404
            viewer = membership.user
        sessions = (
            Session.objects.visible_to(viewer or AnonymousUser())
            .filter(cohort=cohort)
            .for_listing()
        )
        if viewer is not None:
            sessions = sessions.prefetch_related(_published_materials())
        language = _feed_language(viewer)
        with translation.override(language):
            body = cohort_calendar(
                cohort,
                sessions,
                site_url=request.build_absolute_uri("/").rstrip("/"),
                private=viewer is not None,
            )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Language"] = language
        response["Content-Disposition"] = f'inline; filename="{cohort.slug}.ics"'
        if viewer is not None:
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex"
        return response


class CalendarResetView(LoginRequiredMixin, View):
    def post(self, request, program, cohort):
        cohort = _cohort_or_404(program, cohort)
        membership = _workspace_or_404(request, cohort)
        if membership is None:
            raise Http404
        services.calendar_token_reset(membership=membership)
        messages.success(request, CALENDAR_RESET)
        return redirect(cohort.get_absolute_url() + "#calendar")


class ActionItemStatusView(LoginRequiredMixin, View):
    def post(self, request, program, cohort, item):
        cohort = _cohort_or_404(program, cohort)
        _workspace_or_404(request, cohort)
        item = get_object_or_404(
            ActionPlanItem.objects.select_related("city__city"),
            pk=item,
            city__cohort=cohort,
        )
        form = ActionItemStatusForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["status"][0])
        else:
            # The service refuses (403) anyone but the city's people and the team.
            services.action_item_set_status(
                item=item, user=request.user, status=form.cleaned_data["status"]
            )
            messages.success(
                request,
                STATUS_SAVED
                % {"item": item.title, "status": item.get_status_display().lower()},
            )
        return redirect(cohort.get_absolute_url() + f"#plan-{item.city.city.slug}")
