"""Admin for members: profiles, accounts (closing one as the member would), the
groups of permissions, and members' second factors."""

from allauth.account.decorators import reauthentication_required
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.admin.utils import display_for_value
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from community.members.account import account_anonymize
from community.models import Profile
from core.admin_permissions import PermissionLabelsMixin
from core.admin_queries import DeleteConfirmationMixin
from core.languages import LanguageSelect
from core.people import active


@admin.register(Profile)
class ProfileAdmin(DeleteConfirmationMixin, admin.ModelAdmin):
    list_display = ["user", "display_name", "job_title", "organization", "created_at"]
    search_fields = ["user__username", "user__email", "display_name", "organization"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "language":
            kwargs["widget"] = LanguageSelect
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class PasswordChangeForm(AdminPasswordChangeForm):
    # Django joins its help text to its warning when the module loads, so the
    # whole stays in English: joined here when shown, in the staff's language.
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist">'
        '<li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


User = get_user_model()
admin.site.unregister(User)


# A change to an account (its roles, password, closing it) asks the staff member
# for their password again if they last gave it more than a few minutes ago.
_recently_authenticated = method_decorator(reauthentication_required(allow_get=True))


@admin.register(User)
class MemberAdmin(PermissionLabelsMixin, DeleteConfirmationMixin, UserAdmin):
    """Django's user admin, with closing an account as the member would."""

    actions = ["close_accounts"]
    change_password_form = PasswordChangeForm

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
            ngettext(
                "%(count)s account closed and anonymized.",
                "%(count)s accounts closed and anonymized.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        return None


admin.site.unregister(Group)


@admin.register(Group)
class PermissionGroupAdmin(PermissionLabelsMixin, DeleteConfirmationMixin, GroupAdmin):
    """Django's group admin, its permissions named in the staff's language."""


admin.site.unregister(Authenticator)
# allauth leaves its model unnamed, so Django names it in English from its class
# wherever the admin shows it (its pages, a member's delete confirmation). Only
# the name shown changes: migrations read the model's Meta as declared.
Authenticator._meta.verbose_name = _("second factor")
Authenticator._meta.verbose_name_plural = _("second factors")


class _Titled:
    """A list filter titled here rather than by its field's (missing) name."""

    title_text = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = self.title_text


class _KindFilter(_Titled, admin.ChoicesFieldListFilter):
    title_text = _("kind")


class _CreatedFilter(_Titled, admin.DateFieldListFilter):
    title_text = _("created")


class _LastUsedFilter(_Titled, admin.DateFieldListFilter):
    title_text = _("last used")


@admin.register(Authenticator)
class SecondFactorAdmin(admin.ModelAdmin):
    """Members' second factors: staff see them and remove a lost one (the member
    then sets up another), never read or write their secrets. allauth leaves the
    fields unnamed: the columns and filters are named here."""

    list_display = ["member", "kind", "created", "last_used"]
    list_filter = [
        ("type", _KindFilter),
        ("created_at", _CreatedFilter),
        ("last_used_at", _LastUsedFilter),
    ]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
    fields = ["member_link", "kind", "created", "last_used"]
    readonly_fields = fields

    @admin.display(description=_("member"), ordering="user__username")
    def member(self, obj):
        return obj.user

    @admin.display(description=_("member"))
    def member_link(self, obj):
        url = reverse("admin:auth_user_change", args=[obj.user_id])
        return format_html('<a href="{}">{}</a>', url, obj.user)

    @admin.display(description=_("kind"), ordering="type")
    def kind(self, obj):
        return obj.get_type_display()

    @admin.display(description=_("created"), ordering="created_at")
    def created(self, obj):
        return display_for_value(obj.created_at, self.get_empty_value_display())

    @admin.display(description=_("last used"), ordering="last_used_at")
    def last_used(self, obj):
        return display_for_value(obj.last_used_at, self.get_empty_value_display())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
