"""The organizations behind the library's resources."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translated import spanish_text


class Organization(models.Model):
    """A publisher of resources, or itself a resource of kind "organization"."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("e.g. NLC, GARE, ICMA")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    description_es = spanish_text(_("description in Spanish"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name
