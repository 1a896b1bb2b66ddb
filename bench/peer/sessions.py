"""Sign the peer's members in without its login form, whose rate limit (five
sign-ins per five minutes from one address) would take the benchmark an hour:
a session for each of member0..member<N-1>, as its login view would store it.
Prints one Cookie header per line (the session, and a CSRF cookie whose value
the writer sends back as the form's token)."""

import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,  # noqa: E402
)
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

for n in range(int(sys.argv[1])):
    user = get_user_model().objects.get(username=f"member{n}")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    csrf = get_random_string(32)  # letters and digits, as Django's own
    print(f"sessionid={session.session_key}; csrftoken={csrf}")
