from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource library")

    def ready(self):
        from resources import search, versions

        versions.register()  # what its pages show, for the kept copies (core.versions)
        search.register()  # what the site search finds in it (core.search)
