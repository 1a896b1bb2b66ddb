"""Admin for moderation: members' reports of posts and of private messages (the
queues), suspensions, and the log of every moderator's action."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.admin.discussions import hide_with_reason
from community.conversations.moderation import message_report_resolve
from community.discussions import moderation
from community.models import (
    Flag,
    MessageReport,
    ModerationLog,
    Post,
    Resolution,
    Suspension,
)
from core.admin_queries import DeleteConfirmationMixin


class OpenFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("open", _("Open")), ("resolved", _("Resolved"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(resolved_at=None)
        if self.value() == "resolved":
            return queryset.exclude(resolved_at=None)
        return queryset


@admin.register(Flag)
class FlagAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    """The moderators' queue of reported posts."""

    list_display = [
        "post",
        "reporter",
        "reason",
        "created_at",
        "resolved_at",
        "post_hidden",
    ]
    list_filter = [OpenFilter]
    list_select_related = ["post__thread", "reporter", "post"]
    readonly_fields = [
        "post",
        "reporter",
        "reason",
        "created_at",
        "resolved_at",
        "resolved_by",
        "resolution",
    ]
    actions = ["dismiss", "hide_posts"]  # fmt: skip

    def get_queryset(self, request):
        # A report's page names its post, its thread, who reported and who resolved.
        related = ["post__thread", "reporter", "resolved_by"]
        return super().get_queryset(request).select_related(*related)

    @admin.display(boolean=True, description=_("post hidden"))
    def post_hidden(self, obj):
        return obj.post.is_hidden

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Dismiss (the post is fine)"), permissions=["change"])
    def dismiss(self, request, queryset):
        for flag in queryset.filter(resolved_at=None).select_related("post__thread"):
            moderation.flag_resolve(
                flag=flag, moderator=request.user, resolution=Resolution.DISMISSED
            )
            if (
                flag.post.is_hidden
                and not flag.post.flags.filter(resolved_at=None).exists()
            ):
                moderation.post_restore(post=flag.post, moderator=request.user,
                                        reports_dismissed=True)  # fmt: skip

    @admin.action(description=_("Hide the reported posts"), permissions=["change"])
    def hide_posts(self, request, queryset):
        posts = Post.objects.filter(pk__in=queryset.values("post"))
        return hide_with_reason(self, request, queryset, posts, action="hide_posts")


@admin.register(MessageReport)
class MessageReportAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    """The moderators' queue of reported private messages. Once reported, a
    message's conversation opens to moderators on the site, read-only ("View on
    site")."""

    list_display = ["excerpt", "reporter", "reason", "created_at", "resolved_at"]
    list_filter = [OpenFilter]
    list_select_related = ["message", "reporter"]
    readonly_fields = [
        "message",
        "text",
        "reporter",
        "reason",
        "created_at",
        "resolved_at",
        "resolved_by",
        "resolution",
    ]
    actions = ["dismiss"]

    def get_queryset(self, request):
        related = ["message", "reporter", "resolved_by"]
        return super().get_queryset(request).select_related(*related)

    @admin.display(description=_("message"))
    def excerpt(self, obj):
        return obj.message.body_text[:120]

    @admin.display(description=_("text of the message"))
    def text(self, obj):
        return obj.message.body_text

    def view_on_site(self, obj):
        return obj.message.get_absolute_url()

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Resolve (reviewed)"), permissions=["change"])
    def dismiss(self, request, queryset):
        for report in queryset.filter(resolved_at=None).select_related("message"):
            message_report_resolve(
                report=report, moderator=request.user, resolution=Resolution.REVIEWED
            )


class SuspensionForm(forms.ModelForm):
    class Meta:
        model = Suspension
        fields = ["user", "until", "reason", "lifted_at"]

    def clean_until(self):
        until = self.cleaned_data["until"]
        if not self.instance.pk and until <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return until


@admin.register(Suspension)
class SuspensionAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    form = SuspensionForm
    list_display = ["user", "until", "reason", "created_by", "lifted_at"]
    autocomplete_fields = ["user"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            moderation.member_suspend(
                member=obj.user,
                moderator=request.user,
                until=obj.until,
                reason=obj.reason,
            )


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "moderator",
        "action",
        "thread",
        "post",
        "member",
        "explanation",
    ]
    list_filter = ["action"]
    # A post is named with its thread.
    list_select_related = ["moderator", "thread", "post__thread", "member"]
    exclude = ["reason"]  # shown in `explanation`, with what the system recorded
    readonly_fields = ["explanation"]

    @admin.display(description=_("reason"))
    def explanation(self, obj):
        return obj.explanation()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
