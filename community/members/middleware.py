"""Staff accounts hold the keys to everyone's data: they use a second factor."""

# allauth's record of how this session signed in (internal, but the only one).
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

SECOND_FACTOR_REQUIRED = _(
    "Staff accounts sign in with a second factor. Set one up here (an "
    "authenticator app or a security key) to reach the administration and the "
    "moderation tools."
)
# Beside every page of the admin.
MODERATION_VIEWS = {"community:thread_moderate", "community:post_moderate"}


def has_second_factor(request) -> bool:
    """The member signed in with a second factor in this session (no query), or
    has one (set up since signing in)."""
    records = get_authentication_records(request, request.user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    return is_mfa_enabled(request.user)


class StaffSecondFactorMiddleware:
    """A staff account without a second factor is sent to set one up before it
    reaches the admin or a moderation action."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return None
        match = request.resolver_match
        if match.namespace != "admin" and match.view_name not in MODERATION_VIEWS:
            return None
        if has_second_factor(request):
            return None
        messages.warning(request, SECOND_FACTOR_REQUIRED)
        return redirect("mfa_index")
