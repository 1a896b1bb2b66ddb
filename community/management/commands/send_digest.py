from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from community.models import DigestSchedule
from community.notifications.digest import digest_sections
from community.notifications.periodic import digest_period, digest_run


class Command(BaseCommand):
    help = (
        "Queue this week's digest for every member who wants it (a member who has "
        "this week's digest already gets nothing more). With --preview HANDLE, "
        "print what that member's digest would hold and send nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--preview", metavar="HANDLE")

    def handle(self, *args, preview=None, **options):
        if preview:
            user = get_user_model().objects.filter(username__iexact=preview).first()
            if user is None:
                raise CommandError(f"No member with the handle {preview!r}.")
            now = timezone.now()
            sections = digest_sections(user, since=digest_period(user, now), until=now)
            if not sections:
                self.stdout.write("Nothing new: no digest would be sent.")
            for section in sections:
                self.stdout.write(f"\n{section.title}")
                for item in section.items:
                    self.stdout.write(f"  - {item.title} ({item.url})")
            return
        queued = digest_run()
        schedule = DigestSchedule.load()
        self.stdout.write(
            f"Queued {queued} digest(s). The scheduled digest goes out {schedule}."
        )
