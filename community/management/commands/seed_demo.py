from django.conf import settings
from django.core.management.base import BaseCommand

from community.seed import seed_accounts


class Command(BaseCommand):
    help = "Load the demo content; safe to run again (it creates only what is missing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the demo accounts new passwords (printed in development only).",
        )

    def handle(self, *args, reset_passwords=False, **options):
        accounts = seed_accounts(reset_passwords=reset_passwords)
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
