from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand

from community.tasks import tick_schedule


class Command(BaseCommand):
    help = (
        "Run the background worker (django-tasks-db's db_worker) after making sure "
        "the periodic tick is queued. Extra arguments go to db_worker, e.g. "
        "`run_worker -- --batch`."
    )

    def add_arguments(self, parser):
        parser.add_argument("worker_args", nargs="*")

    def handle(self, *args, worker_args, **options):
        if tick_schedule(after=timedelta(0)):
            self.stdout.write("Queued the periodic tick.")
        call_command("db_worker", *worker_args, verbosity=options["verbosity"])
