"""Admin for e-mail: what was sent or failed and why, and the digest's schedule
with a preview of any member's digest."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cohorts.models import is_program_staff
from community.models import DigestSchedule, NotificationSettings, OutgoingEmail
from community.notifications.digest import digest_sections
from community.notifications.mail import emails_requeue_due, emails_retry
from community.notifications.periodic import digest_period
from core.admin_queries import DeleteConfirmationMixin


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "recipient",
        "kind",
        "status",
        "attempts",
        "maybe_twice",
        "subject",
        "reason",
        "sent_at",
    ]
    list_filter = ["status", "kind", "maybe_twice", "created_at"]
    search_fields = ["recipient__username", "to_address", "subject", "key"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    # An account e-mail's text holds one-time keys (a password reset link):
    # staff see that it was sent, never what it said.
    exclude = ["body_text", "body_html"]
    readonly_fields = [
        field.name
        for field in OutgoingEmail._meta.fields
        if field.name not in {"id", "body_text", "body_html"}
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("reason"))
    def reason(self, obj):
        return Truncator(obj.last_error).chars(80)

    @admin.action(description=_("Send the failed ones again"), permissions=["change"])
    def send_again(self, request, queryset):
        count = emails_retry(emails=queryset)
        emails_requeue_due()
        self.message_user(
            request,
            ngettext(
                "%(count)s e-mail queued again.",
                "%(count)s e-mails queued again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(DigestSchedule)
class DigestScheduleAdmin(admin.ModelAdmin):
    """One row: when the digest goes out. Its page also previews a digest."""

    change_form_template = "admin/community/digest_schedule_form.html"

    def has_add_permission(self, request):
        return not DigestSchedule.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        DigestSchedule.load()
        return redirect("admin:community_digestschedule_change", 1)

    def get_urls(self):
        return [
            path(
                "preview/",
                self.admin_site.admin_view(self.preview_view),
                name="community_digest_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request):
        # A member's digest lists one-city coaching calls and every board they read:
        # only staff who see all of that (program staff, superusers) preview it.
        if not (self.has_view_permission(request) and is_program_staff(request.user)):
            raise PermissionDenied
        handle = request.GET.get("member", "").strip().lstrip("@")
        member = None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview a member's digest"),
            "handle": handle,
            "opts": self.model._meta,
        }
        if handle:
            member = (
                get_user_model()
                .objects.filter(username__iexact=handle)
                .select_related("profile")
                .first()
            )
            if member is None:
                context["problem"] = _("No member has that handle.")
        if member is not None:
            context |= _digest_preview(member)
        return render(request, "admin/community/digest_preview.html", context)


def _digest_preview(member) -> dict:
    """What the member's digest would hold if it were sent now, and its text."""
    now = timezone.now()
    since = digest_period(member, now)
    sections = digest_sections(member, since=since, until=now)
    text_context = {
        "sections": sections,
        "since": since,
        "until": now,
        "SITE_NAME": "",
        "unsubscribe_label": NotificationSettings.label_of("weekly_digest"),
        "unsubscribe_url": _("(a personal link)"),
        "settings_url": reverse("community:settings"),
    }
    return {
        "member": member,
        "since": since,
        "until": now,
        "sections": sections,
        "wants_digest": not NotificationSettings.objects.filter(
            user=member, weekly_digest=False
        ).exists(),
        "text": render_to_string("community/email/digest.txt", text_context)
        if sections
        else "",
    }
