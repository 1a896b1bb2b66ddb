"""Mail backends for tests: a mail server that refuses or times out (the only thing
the tests stand in for, since it would leave the machine)."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"x": (550, b"Mailbox unavailable")})


class TimingOutBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise TimeoutError("timed out")
