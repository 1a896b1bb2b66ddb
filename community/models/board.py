"""Boards and their threads, and who may read them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from cohorts.models import CohortMembership, is_program_staff
from community.roles import is_moderator

# Who reads which boards: guests the public ones; moderators (who keep every board
# healthy) and program staff (who run every cohort) all of them; other members,
# curators among them, all but the boards of cohorts they are not in.
GUEST, MEMBER, READS_EVERY_BOARD = "guest", "member", "reads every board"


def viewer_kind(user) -> str:
    if not user.is_authenticated:
        return GUEST
    if is_moderator(user) or is_program_staff(user):
        return READS_EVERY_BOARD
    return MEMBER


def viewer(user) -> tuple[str, dict]:
    """The viewer's kind (viewer_kind) and what visible_to_kind asks of them,
    for a query prepared per kind (core.prepared): a member's id; nothing of a
    guest or of who reads every board."""
    kind = viewer_kind(user)
    return kind, {"user_id": user.pk} if kind == MEMBER else {}


class BoardQuerySet(models.QuerySet):
    def open_to_new_threads_by(self, user):
        """The boards this viewer may read and start a thread in (standing aside)."""
        boards = self.visible_to(user)
        if not user.is_staff:
            boards = boards.filter(new_threads=Board.NewThreads.READERS)
        return boards

    def visible_to(self, user):
        """The boards this viewer may read; every view asks here."""
        return self.visible_to_kind(viewer_kind(user), user.pk)

    def visible_to_kind(self, kind: str, user_id: int | None):
        """The boards a viewer of this kind (viewer_kind) reads, the member being
        user_id."""
        if kind == GUEST:
            return self.filter(visibility=Board.Visibility.PUBLIC)
        if kind == READS_EVERY_BOARD:
            return self
        # A cohort board is read by the cohort's people: participants, city
        # leads, coaches and program staff (all of them hold a membership).
        cohorts = CohortMembership.objects.filter(user_id=user_id).values("cohort")
        outside_cohorts = ~Q(visibility=Board.Visibility.COHORT)
        return self.filter(outside_cohorts | Q(cohort__in=cohorts))


class Board(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone can read")
        MEMBERS = "members", _("Members: signed-in members read")
        COHORT = "cohort", _("Cohort: only the cohort's people read")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    cohort = models.OneToOneField(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board",
        help_text=_("For a cohort board: the cohort whose people read it."),
    )

    class Kind(models.TextChoices):
        DISCUSSIONS = "discussions", _("Discussions")
        QUESTIONS = (
            "questions",
            _(
                "Questions: each thread asks one; its asker or a moderator marks the "
                "reply that answers it"
            ),
        )

    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.DISCUSSIONS
    )

    class NewThreads(models.TextChoices):
        READERS = "readers", _("Everyone who may read it")
        STAFF = "staff", _("Staff only (replies still open to readers)")

    new_threads = models.CharField(
        _("who may start threads"),
        max_length=10,
        choices=NewThreads.choices,
        default=NewThreads.READERS,
    )
    thread_count = models.PositiveIntegerField(_("threads"), default=0, editable=False)
    post_count = models.PositiveIntegerField(_("posts"), default=0, editable=False)
    last_activity_at = models.DateTimeField(
        _("latest activity"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BoardQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        constraints = [
            models.CheckConstraint(
                condition=Q(cohort__isnull=True) | Q(visibility="cohort"),
                name="cohort_board_is_private",
                violation_error_message=_(
                    "A board linked to a cohort must have visibility “cohort”."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:board_detail", args=[self.slug])

    @property
    def is_questions(self) -> bool:
        return self.kind == self.Kind.QUESTIONS

    @property
    def has_feed(self) -> bool:
        """Whether the board and its threads have Atom feeds: only where a guest
        reads, a feed reader having no session (community/discussions/feeds.py
        asks visible_to() for a guest; a test holds the two together)."""
        return self.visibility == self.Visibility.PUBLIC


class TaggedThread(TaggedItemBase):
    content_object = models.ForeignKey(
        "Thread", verbose_name=_("thread"), on_delete=models.CASCADE
    )
    # taggit's own field, named as the site names tags.
    tag = models.ForeignKey(
        Tag,
        verbose_name=_("topic"),
        related_name="%(app_label)s_%(class)s_items",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("thread topic")
        verbose_name_plural = _("thread topics")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_topic_per_thread"
            )
        ]


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.visible_to_kind(viewer_kind(user), user.pk)

    def visible_to_kind(self, kind: str, user_id: int | None):
        return self.filter(board__in=Board.objects.visible_to_kind(kind, user_id))

    def for_listing(self):
        return self.select_related("author__profile", "last_poster__profile", "board")


class Thread(models.Model):
    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.PROTECT, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="threads",
    )
    tags = TaggableManager(verbose_name=_("topics"), through=TaggedThread, blank=True)
    resources = models.ManyToManyField(
        "resources.Resource",
        verbose_name=_("shared resources"),
        blank=True,
        related_name="threads",
    )
    # On a question board: the reply its asker (or a moderator) marked as the answer.
    answer = models.ForeignKey(
        "community.Post",
        verbose_name=_("accepted answer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("latest activity"), db_index=True)
    reply_count = models.PositiveIntegerField(_("replies"), default=0, editable=False)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last post by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at", "-pk"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(
                fields=["board", "-is_pinned", "-last_activity_at"],
                name="thread_board_listing",
            ),
            # A board's latest thread, on the board list.
            models.Index(
                fields=["board", "-last_activity_at", "-id"],
                name="thread_board_latest",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:thread_detail", args=[self.pk, self.slug])
