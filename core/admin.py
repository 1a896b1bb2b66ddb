"""The admin of the background tasks' results (django_tasks_db's), with the
columns and the results' names, which its package gives in English only, in the
staff's language."""

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

admin.site.unregister(DBTaskResult)


def _task_result_name(result: DBTaskResult) -> str:
    return gettext("Task %(task)s (%(id)s)") % {
        "task": result.task_name,
        "id": result.pk,
    }


# The model has no name of its own ("DBTaskResult object (…)" in the titles and
# breadcrumbs of its admin pages); a proxy would move its admin's URLs.
DBTaskResult.__str__ = _task_result_name


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = (
        "id",
        "task",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    )

    @admin.display(description=_("task"), ordering="task_path")
    def task(self, obj):
        return obj.task_name

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj):
        return super().display_run_after(obj)
