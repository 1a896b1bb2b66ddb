"""Background tasks (Django's tasks framework; the worker is django-tasks-db's).

`tick` runs every minute while a worker runs: it re-queues e-mails that are due
again, writes the read marks recorded in Redis to the database, announces new
sessions and resources, queues session reminders and, once a week at the time
staff chose, the digest. It queues its own next run."""

import logging
from datetime import timedelta

from django.tasks import task
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from community.discussions.reading import read_marks_flush
from community.notifications import periodic
from community.notifications.mail import emails_requeue_due

logger = logging.getLogger(__name__)

TICK_EVERY = timedelta(minutes=1)


@task
def tick() -> dict:
    now = timezone.now()
    done = {}
    try:
        steps = {
            "requeued": emails_requeue_due,
            "read marks": read_marks_flush,
            "announced": lambda: periodic.announce_new(now=now),
            "reminders": lambda: periodic.reminders_queue(now=now),
            "digests": lambda: (
                periodic.digest_run(now=now) if periodic.digest_due(now) else 0
            ),
        }
        for name, step in steps.items():
            try:
                done[name] = step()
            except Exception:
                # One failing step must not stop the others, nor the next tick.
                logger.exception("Periodic step %s failed", name)
                done[name] = "failed"
    finally:
        tick_schedule(after=TICK_EVERY)
    return done


def tick_schedule(*, after: timedelta = TICK_EVERY) -> bool:
    """Queue the next tick unless one is waiting. Only a backend that can run a task
    later (the database worker) keeps ticking; the tests' immediate backend runs
    each task at once and would never stop."""
    backend = tick.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False

    waiting = DBTaskResult.objects.filter(
        status="READY", task_path=tick.module_path, backend_name=backend.alias
    )
    if waiting.exists():
        return False
    tick.using(run_after=timezone.now() + after).enqueue()
    return True
