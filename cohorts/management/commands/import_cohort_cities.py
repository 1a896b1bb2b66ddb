import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cohorts.importing import parse_city_line
from cohorts.models import Cohort
from cohorts.services import city_get_or_create, cohort_city_add


class Command(BaseCommand):
    help = (
        "Add cities to a cohort from lines such as “St. Paul, Minn.” (a file, or "
        "standard input). A city already in the cohort is reported and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("cohort", help="program-slug/cohort-slug, e.g. nlc/2018")
        parser.add_argument(
            "file", nargs="?", help="one city per line; - or none: stdin"
        )

    def handle(self, *args, cohort, file=None, **options):
        program_slug, _, cohort_slug = cohort.partition("/")
        target = Cohort.objects.filter(
            program__slug=program_slug, slug=cohort_slug
        ).first()
        if target is None:
            raise CommandError(f"No cohort “{cohort}”: use program-slug/cohort-slug.")
        if file and file != "-":
            with open(file, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        else:
            lines = sys.stdin.read().splitlines()
        added = refused = 0
        for line in filter(str.strip, lines):
            try:
                name, state = parse_city_line(line)
                city = city_get_or_create(name=name, state=state)
                cohort_city_add(cohort=target, city=city)
            except (ValueError, ValidationError) as error:
                refused += 1
                reason = " ".join(getattr(error, "messages", [str(error)]))
                self.stderr.write(f"Not added “{line.strip()}”: {reason}")
            else:
                added += 1
                self.stdout.write(f"Added {city}.")
        self.stdout.write(f"{added} added, {refused} not added.")
