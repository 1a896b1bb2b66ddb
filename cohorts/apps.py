from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohort program")

    def ready(self):
        from cohorts.versions import register

        register()  # what its pages show, for the kept copies (core.versions)
