import math

from django.core.management.base import BaseCommand, CommandError

from resources.linkcheck import broken_links, resource_links_check
from resources.models import Resource

MAX_WORKERS = 32


class Command(BaseCommand):
    help = (
        "Check the external link of every published resource and record its status "
        "and the date; the admin's resource list can then filter on broken links."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=5.0,
            metavar="SECONDS",
            help="How long to wait for each server (default 5).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=8,
            metavar="N",
            help=f"How many links to check at once, 1 to {MAX_WORKERS} (default 8).",
        )
        parser.add_argument(
            "--only-broken",
            action="store_true",
            help="Check again only the links found broken last time.",
        )

    def handle(self, *args, timeout=5.0, workers=8, only_broken=False, **options):
        if not (math.isfinite(timeout) and timeout > 0):
            raise CommandError("--timeout must be a positive number of seconds.")
        if not 1 <= workers <= MAX_WORKERS:
            raise CommandError(f"--workers must be between 1 and {MAX_WORKERS}.")
        resources = Resource.objects.published().exclude(url="")
        if only_broken:
            resources = broken_links(resources)
        counts = resource_links_check(
            resources=resources, timeout=timeout, workers=workers
        )
        summary = (
            f"Checked {counts['checked']} links: {counts['working']} working, "
            f"{counts['broken']} broken."
        )
        style = self.style.WARNING if counts["broken"] else self.style.SUCCESS
        self.stdout.write(style(summary))
        # Those just checked and still broken (all were checked a moment ago).
        for resource in broken_links(resources).order_by("title"):
            problem = resource.link_status or resource.link_error
            self.stdout.write(f"  {resource.title} — {resource.url} — {problem}")
