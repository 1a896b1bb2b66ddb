from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from community.members.profiles import profile_ensure
from community.models.profiles import chosen_language
from community.notifications.mail import account_email_queue, address_owner


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile_ensure(user=user)
        return user

    def get_reauthentication_methods(self, user):
        # Asked twice on the reauthentication page, three queries each (one per
        # kind of second factor): once per request is enough.
        methods = getattr(user, "_reauthentication_methods", None)
        if methods is None:
            methods = super().get_reauthentication_methods(user)
            if user.is_authenticated:
                user._reauthentication_methods = methods
        return methods

    def get_from_email(self):
        return settings.DEFAULT_FROM_EMAIL

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Written now, sent by the worker (community.notifications.mail): no e-mail is
        sent inside a request, so a mail server that is down or slow neither fails
        nor slows it, and an address that has an account answers as fast as one
        that has none. In the language its member chose, else the page's."""
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        } | context
        recipient = address_owner(email)
        language = chosen_language(recipient) if recipient else ""
        with translation.override(language or translation.get_language()):
            message = self.render_mail(template_prefix, email, context)
        account_email_queue(message=message, recipient=recipient)
