"""Curated collections of resources, and the resources a member saved."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.translated import spanish_char, spanish_text
from resources.models.library import Resource


class CollectionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Collection(models.Model):
    title = models.CharField(_("title"), max_length=200)
    title_es = spanish_char(_("title in Spanish"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_es = spanish_text(_("description in Spanish"))
    featured = models.BooleanField(_("featured"), default=False)
    is_published = models.BooleanField(_("published"), default=True)
    resources = models.ManyToManyField(
        Resource,
        verbose_name=_("resources"),
        through="CollectionItem",
        related_name="collections",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["-featured", "title"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:collection_detail", args=[self.slug])


class CollectionItem(models.Model):
    collection = models.ForeignKey(
        Collection,
        verbose_name=_("collection"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        related_name="collection_items",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("collection item")
        verbose_name_plural = _("collection items")
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "resource"],
                name="resource_once_per_collection",
                violation_error_message=_(
                    "This resource is already in the collection."
                ),
            )
        ]

    def __str__(self):
        return f"{self.collection}: {self.resource}"


class Bookmark(models.Model):
    """A member saved a resource to come back to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="bookmarks",
    )
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        related_name="bookmarks",
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved resource")
        verbose_name_plural = _("saved resources")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "resource"], name="bookmark_once_per_member"
            )
        ]

    def __str__(self):
        return gettext("%(member)s saved %(resource)s") % {
            "member": self.user,
            "resource": self.resource,
        }
