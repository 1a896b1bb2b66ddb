import time

from django.conf import settings
from django.core.management.base import BaseCommand

from cohorts.seed import seed_program
from community import seed_scale
from community.seed import seed_accounts, seed_board
from resources.seed import seed_library, seed_synthetic_resources


class Command(BaseCommand):
    help = "Load the demo content; safe to run again (it creates only what is missing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the demo accounts new passwords (printed in development only).",
        )
        parser.add_argument(
            "--resources",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure N synthetic resources exist (for load tests).",
        )
        parser.add_argument(
            "--scale",
            choices=sorted(seed_scale.SCALES),
            help="Then make sure the synthetic data of this size exists (members, "
            "library, cohorts, discussions), marked as synthetic; large is 2,000 "
            "members, 100,000 resources, 5,000 threads and 100,000 posts; xlarge "
            "20,000 members, 500,000 resources, 50,000 threads, 1,000,000 posts.",
        )

    def handle(self, *args, reset_passwords=False, resources=0, scale=None, **options):
        self.seed_demo(reset_passwords=reset_passwords, resources=resources)
        if scale:
            self.seed_scale(scale)

    def seed_demo(self, *, reset_passwords: bool, resources: int) -> None:
        created = seed_library()
        self.stdout.write(
            f"Library: {created} resources added from the source documents."
        )
        if resources:
            added = seed_synthetic_resources(resources)
            self.stdout.write(f"Library: {added} synthetic resources added.")
        accounts = seed_accounts(reset_passwords=reset_passwords)
        report = seed_program()
        self.stdout.write(
            f"Cohorts: {len(report.cities_added)} cities, {report.sessions_added} "
            f"sessions and {report.members_added} members added to the 2018 cohort."
        )
        for refusal in report.refused:
            self.stdout.write(f"Cohorts: not added {refusal}")
        self.stdout.write(
            f"Cohorts: the illustrative {report.current_cohort} "
            + (
                "added."
                if report.current_created
                else "was already there (kept as is)."
            )
        )
        threads = seed_board()
        self.stdout.write(f"Community: {threads} starter threads added.")
        if not accounts:
            self.stdout.write("Demo accounts already exist; nothing new to create.")
        elif settings.DEBUG:
            self.stdout.write(
                self.style.SUCCESS("Demo accounts (passwords are shown only now):")
            )
            for username, email, password in accounts:
                self.stdout.write(f"  {email:<28} {password}   (@{username})")
            self.stdout.write("Lost them? Run: manage.py seed_demo --reset-passwords")
        else:
            self.stdout.write(
                f"Created {len(accounts)} demo accounts; their passwords are not shown "
                "outside development (set one with manage.py changepassword)."
            )

    def seed_scale(self, name: str) -> None:
        self.stdout.write(f"Synthetic data, scale {name}:")
        started = time.perf_counter()
        report = seed_scale.seed_scale(
            seed_scale.SCALES[name], progress=self.stdout.write
        )
        cohorts, talk = report.cohorts, report.discussions
        self.stdout.write(
            "Added: "
            f"{report.members:,} members; "
            f"{report.resources:,} resources, {report.collections} collections; "
            f"{cohorts.cities} cities, {cohorts.cohorts} cohorts, "
            f"{cohorts.sessions} sessions, {cohorts.memberships} memberships, "
            f"{cohorts.plan_items} plan items; "
            f"{talk.threads:,} threads, {talk.posts:,} posts, "
            f"{talk.reactions:,} reactions, {talk.mentions:,} mentions, "
            f"{talk.read_states:,} read states."
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic data ready in {time.perf_counter() - started:.0f} s "
                "(statistics refreshed with VACUUM ANALYZE)."
            )
        )
