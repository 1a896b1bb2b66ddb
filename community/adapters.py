from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from community.services import profile_ensure


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile_ensure(user=user)
        return user

    def get_from_email(self):
        return settings.DEFAULT_FROM_EMAIL
