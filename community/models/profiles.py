from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """What a member shows of themselves; the handle is the user's username."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("name"), max_length=120, blank=True)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    organization = models.CharField(
        _("organization"),
        max_length=160,
        blank=True,
        help_text=_("Your city or agency, e.g. City of Long Beach."),
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    in_directory = models.BooleanField(
        _("list me in the member directory"),
        default=True,
        help_text=_(
            "Signed-in members find you under Members and in the search. Your "
            "profile page and posts stay where they are either way."
        ),
    )
    details_public = models.BooleanField(
        _("show my title, organization and bio to everyone"),
        default=False,
        help_text=_(
            "Off: visitors who are not signed in see only your name and your "
            "posts on public boards."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:profile_detail", args=[self.user.username])

    @property
    def name(self) -> str:
        return self.display_name or self.user.username
