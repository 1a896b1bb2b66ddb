"""Admin for the discussions: boards, threads (moving them), posts and their
earlier versions; hiding posts with a reason."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort
from community.discussions import moderation
from community.models import (
    Board,
    Post,
    PostRevision,
    Thread,
)
from core.admin_queries import DeleteConfirmationMixin


@admin.register(Board)
class BoardAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "visibility",
        "kind",
        "new_threads",
        "position",
        "thread_count",
    ]
    list_editable = ["position", "new_threads"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    readonly_fields = ["thread_count", "post_count", "last_activity_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cohort":
            # A cohort's name names its program: read them together.
            kwargs["queryset"] = Cohort.objects.select_related("program")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MoveForm(forms.Form):
    board = forms.ModelChoiceField(queryset=Board.objects.all(), label=_("Move to"))


@admin.register(Thread)
class ThreadAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "board",
        "author",
        "reply_count",
        "is_pinned",
        "is_locked",
        "last_activity_at",
    ]
    list_filter = ["board", "is_pinned", "is_locked"]
    list_select_related = ["board", "author"]
    search_fields = ["title", "author__username"]
    autocomplete_fields = ["resources"]
    readonly_fields = [
        "author",
        "board",
        "created_at",
        "last_activity_at",
        "reply_count",
        "last_poster",
        "is_pinned",
        "is_locked",
    ]
    fields = [
        "title",
        "slug",
        "board",
        "author",
        "tags",
        "resources",
        "is_pinned",
        "is_locked",
        "created_at",
        "last_activity_at",
        "reply_count",
        "last_poster",
    ]
    actions = ["lock", "unlock", "pin", "unpin", "move"]  # fmt: skip

    def _each(self, request, queryset, **kwargs):
        setter = kwargs.pop("setter")
        for thread in queryset:
            setter(thread=thread, moderator=request.user, **kwargs)

    @admin.action(description=_("Lock"), permissions=["change"])
    def lock(self, request, queryset):
        self._each(request, queryset, setter=moderation.thread_set_locked, locked=True)

    @admin.action(description=_("Unlock"), permissions=["change"])
    def unlock(self, request, queryset):
        self._each(request, queryset, setter=moderation.thread_set_locked, locked=False)

    @admin.action(description=_("Pin"), permissions=["change"])
    def pin(self, request, queryset):
        self._each(request, queryset, setter=moderation.thread_set_pinned, pinned=True)

    @admin.action(description=_("Unpin"), permissions=["change"])
    def unpin(self, request, queryset):
        self._each(request, queryset, setter=moderation.thread_set_pinned, pinned=False)

    @admin.action(description=_("Move to another board"), permissions=["change"])
    def move(self, request, queryset):
        form = MoveForm(request.POST if "board" in request.POST else None)
        if form.is_valid():
            for thread in queryset.select_related("board"):
                moderation.thread_move(
                    thread=thread,
                    moderator=request.user,
                    board=form.cleaned_data["board"],
                )
            self.message_user(request, _("Moved."), messages.SUCCESS)
            return None
        return render(
            request,
            "admin/community/thread_move.html",
            {**self.admin_site.each_context(request), "form": form, "threads": queryset,
             "title": _("Move threads")},
        )  # fmt: skip


class RevisionInline(admin.TabularInline):
    model = PostRevision
    extra = 0
    can_delete = False
    fields = ["created_at", "author", "body"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason (the author sees it)"), max_length=300)


def hide_with_reason(model_admin, request, selected, posts, *, action):
    """Ask for the reason first; then hide each post through the service."""
    form = HideForm(request.POST if "reason" in request.POST else None)
    if form.is_valid():
        for post in posts.select_related("thread", "author"):
            moderation.post_hide(
                post=post, moderator=request.user, reason=form.cleaned_data["reason"]
            )
        model_admin.message_user(request, _("Hidden."), messages.SUCCESS)
        return None
    return render(
        request,
        "admin/community/reason_form.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Hide posts"),
            "intro": _("Hide these posts. Their authors will see the reason."),
            "items": [{"pk": o.pk, "label": str(o)} for o in selected],
            "form": form,
            "action": action,
            "submit": _("Hide"),
        },
    )


@admin.register(Post)
class PostAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "author",
        "created_at",
        "is_hidden",
        "is_deleted",
        "open_flags",
    ]
    list_filter = ["is_hidden", "is_deleted", "thread__board"]
    list_select_related = ["author", "thread"]
    search_fields = ["body", "author__username", "thread__title"]
    readonly_fields = [
        "thread",
        "author",
        "body",
        "reply_to",
        "created_at",
        "edited_at",
        "is_hidden",
        "hidden_by",
        "hidden_reason",
        "hidden_at",
        "is_deleted",
        "deleted_at",
    ]
    exclude = ["body_html"]
    inlines = [RevisionInline]
    actions = ["hide", "restore"]  # fmt: skip

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return (
            super()
            .get_queryset(request)
            .annotate(flag_count=Count("flags", filter=Q(flags__resolved_at=None)))
        )

    @admin.display(description=_("open flags"), ordering="flag_count")
    def open_flags(self, obj):
        return obj.flag_count

    @admin.action(description=_("Hide (with a reason)"), permissions=["change"])
    def hide(self, request, queryset):
        return hide_with_reason(self, request, queryset, queryset, action="hide")

    @admin.action(description=_("Restore"), permissions=["change"])
    def restore(self, request, queryset):
        for post in queryset.select_related("thread", "author"):
            moderation.post_restore(post=post, moderator=request.user)
