"""Sign-in backends that load the member's profile with the member.

Every page a member sees names them in its header (the profile's display name),
so the one query that loads the signed-in user on each request brings the
profile too. Django's ModelBackend stays for the admin's username sign-in;
allauth's for the site's forms."""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class _WithProfile:
    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.select_related("profile")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None


class AdminBackend(_WithProfile, ModelBackend):
    pass


class MemberBackend(_WithProfile, AuthenticationBackend):
    pass
