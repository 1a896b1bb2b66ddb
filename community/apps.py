from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from community.roles import sync_roles_after_migrate

        # Models added by later migrations get their permissions only after
        # migrate has run, so the roles are brought up to date then as well.
        post_migrate.connect(sync_roles_after_migrate, sender=self)
