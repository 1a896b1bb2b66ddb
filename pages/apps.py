from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The site-wide pages on top of the apps: home, search, health check and
    the error pages. It may use every app; none uses it."""

    name = "pages"
    verbose_name = _("Site pages")
