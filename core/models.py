from django.db import models
from django.utils.translation import gettext_lazy as _


class Version(models.Model):
    """How many committed changes a scope of shown content has had (core.versions)."""

    scope = models.CharField(_("scope"), max_length=100, primary_key=True)
    number = models.BigIntegerField(_("changes"), default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"{self.scope} #{self.number}"
