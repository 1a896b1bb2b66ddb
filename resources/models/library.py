"""The library's resources: what "published" means, their queries, and the
resource itself (its organization, topics and facet cells have modules of
their own)."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager

from core.storage import private_storage
from core.translated import spanish_char, spanish_text
from resources.models.organizations import Organization
from resources.models.topics import TaggedResource
from resources.validators import validate_library_file, validate_slug_not_reserved


def published(via: str = "") -> models.Q:
    """What "published" means, the one place it is said: for resources, or
    through a relation to one (published("resource") for a bookmark)."""
    prefix = f"{via}__" if via else ""
    return models.Q(**{f"{prefix}state": Resource.State.PUBLISHED})


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published())

    def visible_to(self, user):
        """Published ones; curators also see the rest (the admin's "View on site")."""
        if user.is_staff and user.has_perm("resources.view_resource"):
            return self
        return self.published()

    def for_listing(self):
        return self.select_related("organization").prefetch_related("tags")

    def without_link(self):
        """Neither a link nor a file: the page says the source does not link it."""
        return self.filter(url="", file="")

    def with_link(self):
        return self.exclude(url="", file="")

    def without_vectors(self):
        """Without the search columns, which hold every word of a resource's
        file: a page of resources reads its text, not its index."""
        return self.defer("search_vector", "search_vector_es", "file_text_vector")


class Resource(models.Model):
    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar recording")
        ARTICLE = "article", _("Article")
        MAGAZINE = "magazine", _("Magazine issue")
        REPORT = "report", pgettext_lazy("kind of resource", "Report")
        TOOLKIT = "toolkit", _("Toolkit")
        TEMPLATE = "template", _("Template")
        PUBLICATION = "publication", _("Publication")
        ORGANIZATION = "organization", _("Organization or network")
        STATEMENT = "statement", _("Statement or press release")
        READING_LIST = "reading_list", _("Collection of materials")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    class FileText(models.TextChoices):
        """Where the worker is with the text of the resource's file
        (resources/filetext.py)."""

        NONE = "", _("No file")
        PENDING = "pending", _("Waiting to be read")
        INDEXED = "indexed", _("Text indexed")
        NO_TEXT = "no_text", _("No text layer (scanned?)")
        FAILED = "failed", _("Could not be read")
        NOT_READ = "not_read", _("Format not read")

    class State(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=250)
    title_es = spanish_char(_("title in Spanish"), max_length=250)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, validators=[validate_slug_not_reserved]
    )
    summary = models.TextField(
        _("summary"), max_length=800, help_text=_("One paragraph, shown in lists.")
    )
    summary_es = spanish_text(_("summary in Spanish"), max_length=800)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Optional, in Markdown.")
    )
    description_html = models.TextField(
        _("description as HTML"), editable=False, blank=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    url = models.URLField(_("external link"), max_length=500, blank=True)
    # Served by the download view, which checks the resource is published.
    file = models.FileField(
        _("file"),
        upload_to="resources/%Y/",
        storage=private_storage,
        blank=True,
        validators=[validate_library_file],
        help_text=_(
            "PDF, Word, PowerPoint, Excel, CSV, PNG or JPEG; at most 25 MB. The text "
            "of a PDF, Word or PowerPoint file is found by the library's search."
        ),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
    )
    subject_organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization described"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
        help_text=_('For a resource of kind "organization or network".'),
    )
    published_on = models.DateField(
        _("published or first offered"), null=True, blank=True
    )
    published_on_precision = models.CharField(
        _("date known to the"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Show only the month or year when the day is not known."),
    )
    is_free = models.BooleanField(_("free to access"), default=True)
    for_elected_officials = models.BooleanField(
        _("for elected officials"), default=False
    )
    for_city_staff = models.BooleanField(_("for city staff"), default=False)
    for_community_partners = models.BooleanField(
        _("for community partners"), default=False
    )
    tags = TaggableManager(
        verbose_name=_("topics"),
        help_text=_("Topics separated by commas."),
        through=TaggedResource,
        blank=True,
    )
    related = models.ManyToManyField(
        "self", verbose_name=_("related resources"), blank=True, symmetrical=True
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    featured = models.BooleanField(_("featured"), default=False)
    editorial_notes = models.TextField(
        _("editorial notes"),
        blank=True,
        help_text=_("For curators only; never shown on the site, feeds or search."),
    )
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Generated demo or load-test data.")
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggested_resources",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True, editable=False
    )
    link_status = models.PositiveSmallIntegerField(
        _("link status"), null=True, blank=True, editable=False
    )
    link_error = models.CharField(
        _("link error"), max_length=200, blank=True, editable=False
    )
    link_checked_at = models.DateTimeField(
        _("link checked at"), null=True, blank=True, editable=False
    )
    # The file's text, written by the worker (resources/filetext.py), never by a
    # save of the resource (resource_save leaves these fields out).
    file_text = models.CharField(
        _("file text"),
        max_length=10,
        choices=FileText.choices,
        default=FileText.NONE,
        blank=True,
        editable=False,
    )
    file_text_note = models.CharField(
        _("file text note"), max_length=300, blank=True, editable=False
    )
    file_text_pages = models.PositiveIntegerField(
        _("pages read"), null=True, blank=True, editable=False
    )
    file_text_read_at = models.DateTimeField(
        _("file text read at"), null=True, blank=True, editable=False
    )
    # The name of the file whose text the fields above are about: another name
    # in `file` is a new file, to read again.
    file_text_of = models.CharField(
        _("file whose text was read"), max_length=255, blank=True, editable=False
    )
    # The file's words at weight D, which the trigger adds to search_vector.
    file_text_vector = SearchVectorField(
        _("search index of the file text"), null=True, editable=False
    )
    # Kept up to date by a database trigger on PostgreSQL (migrations 0001, 0003):
    # the title (A), summary (B), description (C) and the file's text (D).
    search_vector = SearchVectorField(_("search index"), null=True, editable=False)
    # The Spanish title (A) and summary (B), with Spanish stemming: a search
    # matches either column (resources/filters.py).
    search_vector_es = models.GeneratedField(
        expression=SearchVector("title_es", weight="A", config="spanish")
        + SearchVector("summary_es", weight="B", config="spanish"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [
            # Not fastupdate: every search would read the pending entries one
            # by one (100,000 of them after a bulk load) until a VACUUM merged them.
            GinIndex(
                fields=["search_vector"], name="resource_search_gin", fastupdate=False
            ),
            GinIndex(
                fields=["search_vector_es"],
                name="resource_search_es_gin",
                fastupdate=False,
            ),
            models.Index(fields=["state", "-published_on"], name="resource_state_date"),
            # The library's and home page's orders (published_on DESC NULLS
            # LAST, id DESC) have partial indexes on PostgreSQL: migration 0001.
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:resource_detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def link_is_broken(self) -> bool:
        return bool(self.link_checked_at) and not (
            self.link_status and self.link_status < 400
        )

    @property
    def date_label(self) -> str:
        if not self.published_on:
            return ""
        formats = {
            self.DatePrecision.MONTH: "YEAR_MONTH_FORMAT",
            self.DatePrecision.YEAR: "Y",
        }
        return date_format(
            self.published_on, formats.get(self.published_on_precision, "DATE_FORMAT")
        )

    @property
    def audiences(self) -> list[str]:
        return [
            str(label)
            for flag, label in [
                (self.for_elected_officials, _("Elected officials")),
                (self.for_city_staff, _("City staff")),
                (self.for_community_partners, _("Community partners")),
            ]
            if flag
        ]
