"""The site's own settings for apps of its packages (Django's way: an AppConfig
subclass named in INSTALLED_APPS)."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksConfig(TasksAppConfig):
    # The package names its app in English only; the admin lists it by this name.
    verbose_name = _("Tasks Database Backend")
