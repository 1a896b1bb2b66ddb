from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.admin import TagAdmin
from taggit.models import Tag

from core.admin_queries import DeleteConfirmationMixin, RowObjectsInlineMixin
from core.admin_widgets import PrivateFileWidget
from resources.filetext import file_text_read_again
from resources.linkcheck import broken_links
from resources.models import Collection, CollectionItem, Organization, Resource
from resources.services import resource_save, resource_set_featured, resource_set_state


@admin.register(Organization)
class OrganizationAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}


class BrokenLinkFilter(admin.SimpleListFilter):
    title = _("link check")
    parameter_name = "link"

    def lookups(self, request, model_admin):
        return [
            ("broken", _("Broken")),
            ("ok", _("Working")),
            ("unchecked", _("Not checked")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "broken":
            return broken_links(queryset)
        if self.value() == "ok":
            return queryset.filter(link_status__lt=400)
        if self.value() == "unchecked":
            return queryset.filter(link_checked_at=None).exclude(url="")
        return queryset


class MissingLinkFilter(admin.SimpleListFilter):
    title = _("missing link")
    parameter_name = "missing_link"

    def lookups(self, request, model_admin):
        return [("yes", _("No link or file")), ("no", _("Has a link or file"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.without_link()
        if self.value() == "no":
            return queryset.with_link()
        return queryset


class OrganizationFilter(admin.RelatedFieldListFilter):
    """By the organization that published it ("By published by" otherwise)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("organization")


def _state_action(state, label):
    def action(modeladmin, request, queryset):
        changed = resource_set_state(resources=queryset, state=state, user=request.user)
        modeladmin.message_user(
            request,
            ngettext(
                "%(n)d resource moved to %(state)s.",
                "%(n)d resources moved to %(state)s.",
                changed,
            )
            % {"n": changed, "state": Resource.State(state).label},
            messages.SUCCESS,
        )

    action.__name__ = f"make_{state}"
    return admin.action(description=label, permissions=["change"])(action)


FILE_TEXT_FIELDS = [
    "file_text",
    "file_text_note",
    "file_text_pages",
    "file_text_read_at",
]


@admin.register(Resource)
class ResourceAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":  # private: linked through the download view
            kwargs["widget"] = PrivateFileWidget(link=_download_link)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    list_display = [
        "title",
        "state",
        "kind",
        "organization",
        "featured",
        "published_on",
        "link_health",
        "file_text_status",
    ]
    list_filter = [
        "state",
        "kind",
        "featured",
        BrokenLinkFilter,
        MissingLinkFilter,
        "is_synthetic",
        ("organization", OrganizationFilter),
        "file_text",  # the worker's reading of the file (resources/filetext.py)
    ]
    list_select_related = ["organization"]
    search_fields = [
        "title",
        "title_es",
        "summary",
        "slug",
        "organization__name",
        "organization__short_name",
    ]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organization", "subject_organization", "related"]
    readonly_fields = [
        "suggested_by",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
        "published_at",
        "link_status",
        "link_error",
        "link_checked_at",
        *FILE_TEXT_FIELDS,
    ]
    fieldsets = [
        (None, {"fields": [
            "title", "title_es", "slug", "kind", "state", "featured",
            "summary", "summary_es", "description",
        ]}),
        (_("Where to find it"), {"fields": ["url", "file", "is_free"]}),
        (_("Text of the file, for search"), {"fields": FILE_TEXT_FIELDS}),
        (_("Who and when"), {"fields": [
            "organization", "subject_organization", "published_on",
            "for_elected_officials", "for_city_staff", "for_community_partners",
        ]}),
        (_("Topics and related"), {"fields": ["tags", "related"]}),
        (_("Editorial (never shown on the site)"), {
            "fields": ["editorial_notes", "suggested_by"],
        }),
        (_("History and link check"), {"classes": ["collapse"], "fields": [
            "created_by", "created_at", "updated_by", "updated_at", "published_at",
            "link_status", "link_error", "link_checked_at", "is_synthetic",
        ]}),
    ]  # fmt: skip
    actions = [
        _state_action(Resource.State.PUBLISHED, _("Publish")),
        _state_action(Resource.State.REVIEW, _("Send to review")),
        _state_action(Resource.State.DRAFT, _("Send back to draft")),
        _state_action(Resource.State.ARCHIVED, _("Archive")),
        "feature",
        "unfeature",
        "read_file_text_again",
    ]

    @admin.display(description=_("link"), ordering="link_status")
    def link_health(self, obj):
        if not obj.link_checked_at:
            return "—"
        return _("broken") if obj.link_is_broken else _("ok")

    @admin.display(description=_("file text"), ordering="file_text")
    def file_text_status(self, obj):
        return obj.get_file_text_display() if obj.file_text else "—"

    @admin.action(
        description=_("Read the text of their files again"), permissions=["change"]
    )
    def read_file_text_again(self, request, queryset):
        count = file_text_read_again(queryset)
        self.message_user(
            request,
            ngettext(
                "The text of %(n)d file will be read again in a moment.",
                "The text of %(n)d files will be read again in a moment.",
                count,
            )
            % {"n": count},
            messages.SUCCESS,
        )

    def get_queryset(self, request):
        # Not the search columns: they hold every word of the resources' files.
        return super().get_queryset(request).without_vectors()

    @admin.action(description=_("Feature"), permissions=["change"])
    def feature(self, request, queryset):
        resource_set_featured(resources=queryset, featured=True, user=request.user)

    @admin.action(description=_("Unfeature"), permissions=["change"])
    def unfeature(self, request, queryset):
        resource_set_featured(resources=queryset, featured=False, user=request.user)

    def save_model(self, request, obj, form, change):
        resource_save(resource=obj, user=request.user)

    def view_on_site(self, obj):
        # Drafts too: the resource page lets curators see what is not yet public.
        return obj.get_absolute_url()


class CollectionItemInline(RowObjectsInlineMixin, admin.TabularInline):
    model = CollectionItem
    extra = 0
    autocomplete_fields = ["resource"]
    ordering = ["position", "pk"]

    def get_queryset(self, request):
        # Each row is named "collection: resource" and shows its resource.
        return super().get_queryset(request).select_related("collection", "resource")


@admin.register(Collection)
class CollectionAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = ["title", "featured", "is_published", "item_count"]
    list_filter = ["featured", "is_published"]
    search_fields = ["title", "title_es", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CollectionItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(resource_count=Count("items"))

    @admin.display(description=_("resources"), ordering="resource_count")
    def item_count(self, obj):
        return obj.resource_count


admin.site.unregister(Tag)


@admin.register(Tag)
class TopicAdmin(DeleteConfirmationMixin, TagAdmin):
    """django-taggit's admin for the topics of resources and threads.

    Without taggit's "merge tags": it moves only taggit's own generic tagged
    items, not the topics of our resources and threads, so it merged nothing
    while saying it had (and its page failed on a form posted without its
    selection)."""

    actions = []
    inlines = []

    def get_urls(self):
        return [
            url for url in super().get_urls() if url.name != "taggit_tag_merge_tags"
        ]


def _download_link(resource) -> str:
    return reverse("resources:resource_download", args=[resource.slug])
