from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app may use; imports none of them."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core import (
            admin_history,
            admin_icons,
            admin_names,
            admin_widgets,
            versions,
        )
        from core.models import Version

        versions.not_shown(Version, "the numbers themselves")
        admin_widgets.install()
        admin_history.install()
        admin_icons.install()
        admin_names.install()
