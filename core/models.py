from django.db import models


class Version(models.Model):
    """How many committed changes a scope of shown content has had (core.versions)."""

    scope = models.CharField(max_length=100, primary_key=True)
    number = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.scope} #{self.number}"
