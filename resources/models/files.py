"""The text of a resource's file, page by page, as the worker read it
(resources/filetext.py): a search that finds a word only inside the file says
on which page."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resources.models.library import Resource


class FilePage(models.Model):
    """A page of a PDF, a slide of a PowerPoint file, or a section of a Word
    document (which has no pages of its own)."""

    # Deleted by PostgreSQL with the resource (the constraint's ON DELETE
    # CASCADE, migration 0003): a file's thousand pages are neither loaded nor
    # listed on the admin's delete confirmation. (models.DB_CASCADE is refused
    # while the resource itself is deleted by Python-level cascades.)
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("resource"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the unique (resource, number) index serves
        related_name="file_pages",
    )
    number = models.PositiveIntegerField(_("page"))
    text = models.TextField(_("text"))
    search_vector = models.GeneratedField(
        verbose_name=_("search index"),
        expression=SearchVector("text", config="english", weight="D"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["resource", "number"]
        verbose_name = _("page of a file")
        verbose_name_plural = _("pages of files")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "number"], name="unique_file_page"
            )
        ]
        indexes = [
            GinIndex(
                fields=["search_vector"], name="file_page_search_gin", fastupdate=False
            )
        ]

    def __str__(self):
        return gettext("page %(number)d of resource %(resource)s") % {
            "number": self.number,
            "resource": self.resource_id,
        }
