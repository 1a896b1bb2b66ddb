"""Files attached to posts: pictures shown in the post, documents as download
cards. They are kept in the private storage and served by the app only to those
who may read their post (community.discussions.views.attachments)."""

from django.conf import settings
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from community.models.posts import Post
from core.storage import private_storage as core_private_storage


def private_storage():
    return core_private_storage()


def attachment_path(attachment: "Attachment", filename: str) -> str:
    """attachments/<post>/<random>/<name>: nobody finds one by guessing."""
    return f"attachments/{attachment.post_id}/{get_random_string(16)}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Picture")
        DOCUMENT = "document", _("Document")

    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=attachment_path, max_length=300
    )
    name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size"), help_text=_("In bytes, as stored."))
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("A picture's text for those who cannot see it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [
            models.Index(fields=["uploader", "created_at"], name="attachment_quota")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:attachment", args=[self.pk, self.name])

    @property
    def is_image(self) -> bool:
        return self.kind == self.Kind.IMAGE

    @property
    def size_label(self) -> str:
        return filesizeformat(self.size)
