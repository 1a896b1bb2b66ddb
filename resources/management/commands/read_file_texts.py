from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F, Q

from resources.filetext import file_text_read_again
from resources.models import Resource


class Command(BaseCommand):
    help = (
        "Have the worker read the text of the library's files, for search: by "
        "default the files not read yet (uploaded before the library read files, "
        "or whose reading was lost), with --failed those it could not read."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--failed",
            action="store_true",
            help="Read again the files whose reading failed.",
        )
        group.add_argument("--all", action="store_true", help="Read every file again.")

    def handle(self, *args, **options):
        resources = Resource.objects.exclude(file="")
        if options["failed"]:
            resources = resources.filter(file_text=Resource.FileText.FAILED)
        elif not options["all"]:
            resources = resources.filter(
                ~Q(file_text_of=F("file")) | Q(file_text=Resource.FileText.PENDING)
            )
        with transaction.atomic():
            queued = file_text_read_again(resources)
        self.stdout.write(
            f"Queued {queued} files for the worker to read "
            "(`manage.py run_worker` reads them)."
        )
