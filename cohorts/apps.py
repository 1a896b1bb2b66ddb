from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohort program")

    def ready(self):
        from cohorts import search, versions

        versions.register()  # what its pages show, for the kept copies (core.versions)
        search.register()  # what the site search finds in it (core.search)
