import time
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from community.tasks import tick_schedule
from core.outages import DATABASE_ERRORS, Outage

database = Outage(
    "The database is unreachable; the worker waits and tries again",
    "The database is back: the worker goes on.",
)

# Waits between tries while the database is away, the last one repeated.
BACKOFF = (1, 2, 4, 8, 15, 30)


class Command(BaseCommand):
    help = (
        "Run the background worker (django-tasks-db's db_worker) after making sure "
        "the periodic tick is queued. While the database is away it waits and "
        "tries again, and goes on by itself when it is back. Extra arguments go "
        "to db_worker, e.g. `run_worker -- --batch`."
    )

    def add_arguments(self, parser):
        parser.add_argument("worker_args", nargs="*")

    def handle(self, *args, worker_args, **options):
        failures = 0
        while True:
            try:
                if tick_schedule(after=timedelta(0)):
                    self.stdout.write("Queued the periodic tick.")
                database.recovered()
                failures = 0
                call_command("db_worker", *worker_args, verbosity=options["verbosity"])
                return
            except DATABASE_ERRORS as error:
                database.failed(error, pause=False)  # logged once per outage
                connections.close_all()
                time.sleep(BACKOFF[min(failures, len(BACKOFF) - 1)])
                failures += 1
