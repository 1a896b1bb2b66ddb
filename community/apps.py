from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from cohorts.signals import cohort_created
        from community import search, versions
        from community.members.account import account_closed
        from community.roles import sync_roles_after_migrate

        versions.register()  # what its pages show, for the kept copies (core.versions)
        search.register()  # what the site search finds in it (core.search)

        # Models added by later migrations get their permissions only after
        # migrate has run, so the roles are brought up to date then as well.
        post_migrate.connect(sync_roles_after_migrate, sender=self)

        # A new cohort gets its private board (cohorts may not import community).
        cohort_created.connect(_open_cohort_board, dispatch_uid="cohort_board_open")
        # Quotes of a closed account's posts stop naming them.
        account_closed.connect(_quotes_rename, dispatch_uid="quotes_rename")


def _open_cohort_board(sender, cohort, **kwargs):
    from community.discussions.cohort_boards import cohort_board_open

    cohort_board_open(cohort=cohort)


def _quotes_rename(sender, user, **kwargs):
    from community.discussions.markup import quoting_rerender
    from community.models import Post

    quoting_rerender(Post.objects.filter(author=user))
