"""A resource's topics: taggit's tags, through a table with real foreign keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItemBase


class TaggedResource(TaggedItemBase):
    """Topics of a resource, with a real foreign key so facets are plain joins."""

    content_object = models.ForeignKey(
        "Resource", verbose_name=_("resource"), on_delete=models.CASCADE
    )
    tag = models.ForeignKey(
        Tag,
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="%(app_label)s_%(class)s_items",  # taggit's own name
    )

    class Meta:
        verbose_name = _("topic of a resource")
        verbose_name_plural = _("topics of resources")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_topic_per_resource"
            )
        ]
