from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cohorts import services
from cohorts.attendance_admin import SessionResponseInline
from cohorts.forms import CopyScheduleForm, SessionForm
from cohorts.models import (
    ActionPlanItem,
    City,
    Cohort,
    CohortMembership,
    ParticipatingCity,
    Program,
    Session,
)
from cohorts.models.cities import DUPLICATE_CITY
from cohorts.outcomes_admin import MilestoneKindInline
from core.admin_queries import (
    DeleteConfirmationMixin,
    RowObjectsFormSet,
    RowObjectsInlineMixin,
    choices_read_once,
)

ONE_SOURCE = _("Pick exactly one cohort whose schedule to copy.")


class ParticipatingCityFormSet(RowObjectsFormSet):
    """Name the repeated city next to its row (the database refuses it anyway)."""

    def clean(self):
        self.repeated = False
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            city = form.cleaned_data.get("city")
            if city is None:
                continue
            if city.pk in seen:
                self.repeated = True
                form.add_error(
                    "city", ValidationError(DUPLICATE_CITY, params={"city": city})
                )
            seen.add(city.pk)
        super().clean()

    def validate_unique(self):
        # Django's own check would repeat the error above in vaguer words.
        if not self.repeated:
            super().validate_unique()


class ThisCohortsCitiesMixin:
    """City choices of an inline row are the cities of the cohort being edited
    (none yet on a new cohort), loaded with one query for all the rows."""

    city_fields: tuple[str, ...] = ()

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["formfield_callback"] = partial(
            self.formfield_for_dbfield, request=request, cohort=obj
        )
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_dbfield(self, db_field, request, cohort=None, **kwargs):
        if db_field.name in self.city_fields:
            kwargs["queryset"] = ParticipatingCity.objects.filter(
                cohort=cohort.pk if cohort else None
            ).select_related("city")
            return choices_read_once(
                super().formfield_for_dbfield(db_field, request, **kwargs)
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ParticipatingCityInline(RowObjectsInlineMixin, admin.TabularInline):
    model = ParticipatingCity
    formset = ParticipatingCityFormSet
    autocomplete_fields = ["city"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("city")


class CohortMembershipInline(
    ThisCohortsCitiesMixin, RowObjectsInlineMixin, admin.TabularInline
):
    model = CohortMembership
    city_fields = ("city",)
    autocomplete_fields = ["user"]
    fields = ["user", "role", "city"]
    extra = 0

    def get_queryset(self, request):
        # A row is named "member in cohort (program)".
        return super().get_queryset(request).select_related("user", "cohort__program")


class SessionInline(ThisCohortsCitiesMixin, admin.TabularInline):
    model = Session
    city_fields = ("host_city", "for_city")
    form = SessionForm
    fields = [
        "kind",
        "title",
        "title_es",
        "starts_at",
        "ends_at",
        "time_zone",
        "host_city",
        "for_city",
        "is_illustrative",
        "cancelled",
    ]
    show_change_link = True
    extra = 0


class CohortFilter(admin.RelatedFieldListFilter):
    """The cohorts to filter by, each named with its program, read in one query
    (not one more per cohort for its program)."""

    def field_choices(self, field, request, model_admin):
        cohorts = Cohort.objects.select_related("program")
        if ordering := self.field_admin_ordering(field, request, model_admin):
            cohorts = cohorts.order_by(*ordering)
        return [(cohort.pk, str(cohort)) for cohort in cohorts]


@admin.register(Program)
class ProgramAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = ["name", "organization", "length_months"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organization", "partners", "funders"]
    inlines = [MilestoneKindInline]


@admin.register(Cohort)
class CohortAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = ["name", "program", "starts_on", "ends_on", "state", "city_count"]
    list_filter = ["program", "state"]
    search_fields = ["name", "program__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["announcement"]
    inlines = [ParticipatingCityInline, CohortMembershipInline, SessionInline]
    actions = ["copy_schedule"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("program")
            .annotate(city_total=Count("participating_cities"))
        )

    @admin.display(description=_("cities"), ordering="city_total")
    def city_count(self, obj):
        return obj.city_total

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
        else:
            services.cohort_create(cohort=obj)

    @admin.action(description=_("Copy the session schedule into another cohort"))
    def copy_schedule(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, ONE_SOURCE, messages.ERROR)
            return None
        source = queryset.select_related("program").get()
        form = CopyScheduleForm(
            request.POST if "target" in request.POST else None, source=source
        )
        if form.is_valid():
            target = form.cleaned_data["target"]
            copied, skipped = services.cohort_schedule_copy(
                source=source, target=target
            )
            message = ngettext(
                "Copied %(copied)d session into %(target)s.",
                "Copied %(copied)d sessions into %(target)s.",
                copied,
            ) % {"copied": copied, "target": target}
            if skipped:
                message += " " + ngettext(
                    "Skipped %(skipped)d tied to a city the target does not have.",
                    "Skipped %(skipped)d tied to cities the target does not have.",
                    skipped,
                ) % {"skipped": skipped}
            self.message_user(request, message, messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/cohorts/cohort_copy_schedule.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Copy a session schedule"),
                "form": form,
                "source": source,
                "opts": self.model._meta,
            },
        )


@admin.register(City)
class CityAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = ["name", "state", "also_known_as", "time_zone"]
    list_filter = ["state"]
    search_fields = ["name", "also_known_as", "state"]
    prepopulated_fields = {"slug": ["name", "state"]}


class ActionPlanItemInline(admin.TabularInline):
    model = ActionPlanItem
    fields = ["position", "title", "owner", "due_on", "status", "notes"]
    extra = 0


@admin.register(ParticipatingCity)
class ParticipatingCityAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    """A city in a cohort, with its action plan."""

    list_display = ["city", "cohort", "plan_size"]
    list_filter = [("cohort", CohortFilter)]
    search_fields = ["city__name", "cohort__name"]
    autocomplete_fields = ["city", "cohort"]
    inlines = [ActionPlanItemInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("city", "cohort__program")
            .annotate(item_total=Count("plan_items"))
        )

    @admin.display(description=_("plan items"), ordering="item_total")
    def plan_size(self, obj):
        return obj.item_total


@admin.register(CohortMembership)
class CohortMembershipAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = ["user", "cohort", "role", "city"]
    list_filter = [("cohort", CohortFilter), "role"]
    search_fields = ["user__username", "user__email", "user__profile__display_name"]
    autocomplete_fields = ["user", "cohort", "city"]
    list_select_related = ["user", "cohort__program", "city__city"]


@admin.register(Session)
class SessionAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    form = SessionForm
    list_display = [
        "title",
        "cohort",
        "kind",
        "starts_at",
        "is_illustrative",
        "cancelled",
    ]
    list_filter = [
        ("cohort", CohortFilter),
        "kind",
        ("starts_at", admin.DateFieldListFilter),
        "cancelled",
    ]
    date_hierarchy = "starts_at"
    search_fields = ["title", "agenda"]
    autocomplete_fields = ["cohort", "host_city", "for_city", "materials"]
    list_select_related = ["cohort__program"]
    inlines = [SessionResponseInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []  # a new session has no answers yet


@admin.register(ActionPlanItem)
class ActionPlanItemAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = ["title", "city", "status", "due_on", "owner"]
    list_editable = ["status"]
    list_filter = [("city__cohort", CohortFilter), "status"]
    search_fields = ["title", "owner", "city__city__name"]
    autocomplete_fields = ["city"]
    list_select_related = ["city__city"]
