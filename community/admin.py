from django.contrib import admin

from community.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "display_name", "job_title", "organization", "created_at"]
    search_fields = ["user__username", "user__email", "display_name", "organization"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]
