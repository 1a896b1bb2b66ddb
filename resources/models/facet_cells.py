"""The library's facet cells: a materialized view of published resources
counted by kind, organization, year and topic."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from resources.models.organizations import Organization


class FacetCell(models.Model):
    """How many published resources share a kind, an organization and a year, and
    (when `tag` is set) a topic: the library's facet counts come from these few
    thousand rows instead of every resource (resources/facets.py).

    A materialized view (migration 0001), refreshed CONCURRENTLY by the worker
    after a commit that changes the library (resources/facets.py)."""

    id = models.BigIntegerField(primary_key=True)
    tag = models.ForeignKey(
        "taggit.Tag",
        verbose_name=_("topic"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    year = models.IntegerField(_("year"), null=True)
    n = models.IntegerField(_("number of resources"))

    class Meta:
        managed = False
        db_table = "resources_facetcell"
        verbose_name = _("facet count")
        verbose_name_plural = _("facet counts")

    def __str__(self):
        return f"{self.kind}/{self.organization_id}/{self.year}/{self.tag_id}: {self.n}"
