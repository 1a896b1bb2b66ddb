"""Admin for members: profiles, accounts (closing one as the member would) and
their second factors."""

from allauth.account.decorators import reauthentication_required
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from community.members.account import account_anonymize
from community.models import Profile
from core.admin_queries import DeleteConfirmationMixin
from core.people import active


@admin.register(Profile)
class ProfileAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = ["user", "display_name", "job_title", "organization", "created_at"]
    search_fields = ["user__username", "user__email", "display_name", "organization"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]


User = get_user_model()
admin.site.unregister(User)


# A change to an account (its roles, password, closing it) asks the staff member
# for their password again if they last gave it more than a few minutes ago.
_recently_authenticated = method_decorator(reauthentication_required(allow_get=True))


@admin.register(User)
class MemberAdmin(DeleteConfirmationMixin, UserAdmin):
    """Django's user admin, with closing an account as the member would."""

    actions = ["close_accounts"]

    @_recently_authenticated
    def changeform_view(self, request, *args, **kwargs):
        return super().changeform_view(request, *args, **kwargs)

    @_recently_authenticated
    def changelist_view(self, request, *args, **kwargs):
        return super().changelist_view(request, *args, **kwargs)

    @_recently_authenticated
    def delete_view(self, request, *args, **kwargs):
        return super().delete_view(request, *args, **kwargs)

    @_recently_authenticated
    def user_change_password(self, request, *args, **kwargs):
        return super().user_change_password(request, *args, **kwargs)

    @admin.action(
        description=_("Close the selected accounts (anonymize)"),
        permissions=["change"],
    )
    def close_accounts(self, request, queryset):
        queryset = queryset.filter(active()).exclude(pk=request.user.pk)
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                "admin/community/close_accounts.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Close these accounts?"),
                    "members": queryset,
                    "opts": self.model._meta,
                },
            )
        count = 0
        for user in queryset:
            account_anonymize(user=user)
            count += 1
        self.message_user(
            request,
            _("%(count)s account(s) closed and anonymized.") % {"count": count},
            messages.SUCCESS,
        )
        return None


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class SecondFactorAdmin(admin.ModelAdmin):
    """Members' second factors: staff see them and remove a lost one (the member
    then sets up another), never read or write their secrets."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type", "created_at", "last_used_at"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
