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
