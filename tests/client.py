"""The tests' HTTP client: signs staff in as production does, with a second factor."""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from django import test


class Client(test.Client):
    def force_login(self, user, backend=None):
        """Sign in; a staff member as if with their password and a second factor
        just now (what allauth records at sign-in), since staff reach the admin
        only so (community.members.middleware), and confirmed, so that changes to
        accounts in the admin do not ask for the password again."""
        super().force_login(user, backend)
        if user.is_staff:
            now = time.time()
            session = self.session
            session[AUTHENTICATION_METHODS_SESSION_KEY] = [
                {"method": "password", "at": now},
                {"method": "mfa", "at": now, "type": "totp", "reauthenticated": True},
            ]
            session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
            session.save()
