"""The session page's two forms: a person's answer, and program staff's record of
who attended. Both POST only, and answer on the session page with a message."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View

from cohorts import attendance
from cohorts.forms import AttendanceForm, SessionAnswerForm
from cohorts.models import Session
from cohorts.views import _cohort_or_404, _workspace_or_404

ANSWER_SAVED = _("Your answer is saved: %(answer)s.")


def _session_or_404(request, program: str, cohort: str, pk: int) -> Session:
    """The session, if the viewer may see it: 404 for anyone outside the
    cohort's workspace, and for a city's call to anyone else's people."""
    cohort = _cohort_or_404(program, cohort)
    _workspace_or_404(request, cohort)
    return get_object_or_404(
        Session.objects.visible_to(request.user)
        .filter(cohort=cohort)
        .select_related("cohort__program"),
        pk=pk,
    )


def _first_error(form) -> str:
    return next(iter(form.errors.values()))[0]


class SessionRespondView(LoginRequiredMixin, View):
    def post(self, request, program, cohort, session):
        session = _session_or_404(request, program, cohort, session)
        form = SessionAnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, _first_error(form))
        else:
            try:
                # A viewer who is not one of the session's people: 403, from here.
                response = attendance.session_respond(
                    session=session,
                    user=request.user,
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                label = response.get_answer_display().lower()
                messages.success(request, ANSWER_SAVED % {"answer": label})
        return redirect(session.get_absolute_url() + "#answers-heading")


class AttendanceRecordView(LoginRequiredMixin, View):
    def post(self, request, program, cohort, session):
        session = _session_or_404(request, program, cohort, session)
        form = AttendanceForm(request.POST)
        if not form.is_valid():
            messages.error(request, _first_error(form))
        else:
            came = form.attendance()
            try:
                # Anyone but program staff: 403, from here.
                attendance.attendance_record(
                    session=session, recorded_by=request.user, attended=came
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, _saved(sum(came.values()), len(came)))
        return redirect(session.get_absolute_url() + "#attendance-heading")


def _saved(attended: int, listed: int) -> str:
    return ngettext(
        "Attendance saved: %(attended)d of %(listed)d person attended.",
        "Attendance saved: %(attended)d of %(listed)d people attended.",
        listed,
    ) % {"attended": attended, "listed": listed}
