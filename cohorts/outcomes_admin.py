"""The admin of outcomes: program staff define the milestones of a program (an
inline of the program, see cohorts/admin.py) and record or correct a city's
milestones. The rules (dates, the program's kinds, once per city) are the
model's and the service's; nothing here adds one."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cohorts import outcomes
from cohorts.models import Milestone, MilestoneKind, ParticipatingCity
from core.admin_queries import DeleteConfirmationMixin


class MilestoneKindInline(admin.TabularInline):
    model = MilestoneKind
    fields = ["position", "name", "name_es", "description"]
    extra = 0


@admin.register(MilestoneKind)
class MilestoneKindAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = ["name", "program", "position"]
    list_filter = ["program"]
    search_fields = ["name", "program__name"]
    autocomplete_fields = ["program"]
    list_select_related = ["program"]


@admin.register(Milestone)
class MilestoneAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = ["kind", "city", "cohort", "reached_on", "recorded_by"]
    list_filter = [("kind__program", admin.RelatedOnlyFieldListFilter)]
    date_hierarchy = "reached_on"
    search_fields = ["kind__name", "city__city__name", "note"]
    autocomplete_fields = ["city", "kind"]
    fields = ["city", "kind", "reached_on", "evidence_url", "note", "recorded_by"]
    readonly_fields = ["recorded_by"]

    def get_queryset(self, request):
        # Each page names the milestone by its kind and city (the list its cohort).
        return (
            super()
            .get_queryset(request)
            .select_related(
                "kind", "city__city", "city__cohort__program", "recorded_by"
            )
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "city":  # its chosen city is shown by name
            kwargs["queryset"] = ParticipatingCity.objects.select_related("city")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("cohort"), ordering="city__cohort")
    def cohort(self, obj):
        return obj.city.cohort

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        # A new one is recorded as on the site, by whoever is signed in; the
        # admin goes on with the object it gave, which becomes the saved one.
        saved = outcomes.milestone_record(
            city=obj.city,
            kind=obj.kind,
            reached_on=obj.reached_on,
            evidence_url=obj.evidence_url,
            note=obj.note,
            recorded_by=request.user,
        )
        obj.pk, obj.recorded_by = saved.pk, saved.recorded_by
