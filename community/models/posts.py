"""Posts, their earlier versions and reactions, and who may read a post's text."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from community.models.board import Board, Thread
from community.roles import is_moderator
from core.moments import moment_text


def _text_shown(user) -> Q:
    """Posts whose text this viewer reads: neither hidden nor deleted; a moderator
    also reads hidden ones, to review them."""
    return _text_shown_to(moderator=is_moderator(user))


def _text_shown_to(*, moderator: bool) -> Q:
    shown = Q(is_hidden=False, is_deleted=False)
    if moderator:
        shown |= Q(is_hidden=True, is_deleted=False)
    return shown


class PostQuerySet(models.QuerySet):
    """Who may read a post's text is decided here, and only here.

    Every page, e-mail, feed and export that shows a post's text gets it through
    readable_by() (the posts themselves) or with_text_for() (every post of a thread,
    its text only where the viewer may read it)."""

    def visible_to(self, user):
        """Posts in threads the viewer may read, hidden and deleted ones included
        (their text is not: see with_text_for)."""
        return self.filter(thread__in=Thread.objects.visible_to(user))

    def readable(self):
        """Posts whose text anyone who may read the thread reads."""
        return self.filter(is_hidden=False, is_deleted=False)

    def text_readable_by(self, user):
        """Posts whose text (and attachments) this viewer may read: readable_by,
        and for a moderator hidden ones too."""
        return self.visible_to(user).filter(_text_shown(user))

    def readable_by(self, user):
        """Posts this viewer may read and act on: in a thread the viewer reads,
        neither hidden nor deleted."""
        return self.visible_to(user).readable()

    def with_text_for(self, user):
        """Every post, with `text_html` set only where this viewer may read it,
        empty elsewhere; the stored text itself is not loaded, nor that of the
        post it replies to."""
        return self.with_text_for_kind(moderator=is_moderator(user))

    def with_text_for_kind(self, *, moderator: bool):
        """with_text_for() a moderator (who reads hidden posts' text) or not."""
        return self.defer(
            "body", "body_html", "body_text", "search_vector", "reply_to__body",
            "reply_to__body_html", "reply_to__body_text", "reply_to__search_vector",
        ).annotate(
            text_html=Case(
                When(_text_shown_to(moderator=moderator), then=F("body_html")),
                default=Value(""),
                output_field=models.TextField(),
            ),
        )  # fmt: skip


class Post(models.Model):
    class Reactions(models.TextChoices):
        HELPFUL = "helpful", _("Helpful")
        INSIGHTFUL = "insightful", _("Insightful")
        THANKS = "thanks", _("Thanks")

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts"
    )
    # Its thread's board, kept by PostgreSQL triggers (migration 0010) whoever
    # writes: so that the search index holds the board beside the words, and a
    # search reads only the matches on the boards its viewer reads. A thread's
    # deletion takes its posts (hence DO_NOTHING here).
    board = models.ForeignKey(
        Board,
        verbose_name=_("board"),
        on_delete=models.DO_NOTHING,
        related_name="+",
        editable=False,
        blank=True,
        db_index=False,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="posts",
    )
    body = models.TextField(_("text"), max_length=20_000)
    body_html = models.TextField(_("text as HTML"), editable=False)
    # The rendered text without tags or Markdown signs: excerpts, snippets, e-mails.
    body_text = models.TextField(_("plain text"), editable=False, default="")
    reply_to = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
    )
    # The posts its text quotes (community.discussions.quotes), to name them again
    # when their author's name goes.
    quoted_posts = models.ManyToManyField(
        "self",
        verbose_name=_("quoted posts"),
        symmetrical=False,
        related_name="quoted_in",
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(
        _("last edited"), null=True, blank=True, editable=False
    )
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_at = models.DateTimeField(_("hidden on"), null=True, blank=True)
    is_deleted = models.BooleanField(_("deleted by its author"), default=False)
    deleted_at = models.DateTimeField(_("deleted on"), null=True, blank=True)
    helpful_count = models.PositiveIntegerField(
        _("“helpful” reactions"), default=0, editable=False
    )
    insightful_count = models.PositiveIntegerField(
        _("“insightful” reactions"), default=0, editable=False
    )
    thanks_count = models.PositiveIntegerField(
        _("“thanks” reactions"), default=0, editable=False
    )
    # Kept by a PostgreSQL trigger (migration 0001): the thread's title for its
    # opening post (weight A), the text (B).
    search_vector = SearchVectorField(_("search index"), null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        # Matches the thread page's order, so a page is read without a sort.
        indexes = [
            models.Index(
                fields=["thread", "created_at", "id"], name="post_thread_order"
            ),
            # The board first: btree_gin's, so a search on a few boards
            # reads the matches on those boards only.
            GinIndex(
                fields=["board", "search_vector"],
                name="post_board_search_gin",
                fastupdate=False,
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_hidden=False) | ~Q(hidden_reason=""),
                name="hidden_post_has_reason",
                violation_error_message=_("Say why the post is hidden."),
            )
        ]

    def __str__(self):
        return gettext("Post %(number)s in “%(thread)s”") % {
            "number": self.pk,
            "thread": self.thread,
        }

    def save(self, *args, **kwargs):
        if self.board_id is None and self.thread_id is not None:
            self.board_id = self.thread.board_id  # as the database's trigger does
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("community:post_permalink", args=[self.pk])

    @property
    def reaction_counts(self) -> list[tuple[str, str, int]]:
        return [
            (kind, label, getattr(self, f"{kind}_count"))
            for kind, label in _reaction_labels()
        ]


_REACTION_LABELS: dict[str, list[tuple[str, str]]] = {}


def _reaction_labels() -> list[tuple[str, str]]:
    """The reactions' labels in the active language, translated once per process
    rather than for every post shown."""
    language = get_language()
    labels = _REACTION_LABELS.get(language)
    if labels is None:
        labels = [(kind, str(label)) for kind, label in Post.Reactions.choices]
        _REACTION_LABELS[language] = labels
    return labels


class PostRevision(models.Model):
    """The text of a post before an edit."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(
        _("written"),
        help_text=_("When this text was written (before it was replaced)."),
    )
    replaced_at = models.DateTimeField(_("replaced on"), auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at", "-pk"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")

    def __str__(self):
        return gettext("Revision of post %(number)s from %(date)s") % {
            "number": self.post_id,
            "date": moment_text(self.created_at),
        }


class Reaction(models.Model):
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="reactions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="reactions",
    )
    kind = models.CharField(
        _("reaction"), max_length=12, choices=Post.Reactions.choices
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user", "kind"], name="one_reaction_of_a_kind"
            )
        ]

    def __str__(self):
        return gettext("%(member)s on post %(number)s: %(reaction)s") % {
            "member": self.user,
            "number": self.post_id,
            "reaction": self.get_kind_display(),
        }
