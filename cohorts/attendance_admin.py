"""The answers to a session, inline on its admin page, where program staff record
who attended: through attendance_record, the same service as the session page."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet

from cohorts import attendance
from cohorts.models import SessionResponse


class AttendanceFormSet(BaseInlineFormSet):
    recorded_by = None  # set per request by the inline

    def changes(self) -> dict[int, bool | None]:
        return {
            form.instance.user_id: form.cleaned_data.get("attended")
            for form in self.forms
            if form.has_changed() and hasattr(form, "cleaned_data")
        }

    def clean(self):
        super().clean()
        if changes := self.changes():
            try:
                attendance.attendance_check(
                    session=self.instance,
                    recorded_by=self.recorded_by,
                    user_ids=changes,
                )
            except PermissionDenied as error:
                raise ValidationError(str(error)) from error

    def save(self, commit=True):
        changed = [form for form in self.forms if form.has_changed()]
        if changed:
            attendance.attendance_record(
                session=self.instance,
                recorded_by=self.recorded_by,
                attended=self.changes(),
            )
        # What the admin's history says was changed.
        self.new_objects, self.deleted_objects = [], []
        self.changed_objects = [(form.instance, form.changed_data) for form in changed]
        return [form.instance for form in changed]


class SessionResponseInline(admin.TabularInline):
    """People answer on the site; staff record only whether they came."""

    model = SessionResponse
    formset = AttendanceFormSet
    fields = ["user", "city", "answer", "answered_at", "attended"]
    readonly_fields = ["user", "city", "answer", "answered_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # A row is named "member – session".
        return (
            super()
            .get_queryset(request)
            .select_related("user", "city__city", "session")
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.recorded_by = request.user
        return formset
