"""One-click unsubscribe from a notification e-mail's link (RFC 8058)."""

from django.core import signing
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from community.members import account
from community.models import NotificationSettings
from community.notifications.tokens import unsubscribe_read

LINK_INVALID = _(
    "This link is not valid: it may have been copied incompletely. Nothing was changed."
)
LINK_EXPIRED = _(
    "This link has expired, so nothing was changed. Sign in to change your e-mail "
    "settings."
)
LINK_GONE = _("This account is closed; it gets no more e-mail.")


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """GET shows what the link turns off, with one button; POST turns it off. Mail
    clients POST here themselves for one-click unsubscribe (RFC 8058), without a
    CSRF token, which is why this view does not ask for one: the signed token
    is the proof."""

    template_name = "community/unsubscribe.html"

    def get(self, request, token):
        try:
            _user_id, name = unsubscribe_read(token)
            label = NotificationSettings.label_of(name)
        except signing.SignatureExpired:
            return self._problem(request, LINK_EXPIRED)
        except (signing.BadSignature, LookupError, ValueError, TypeError):
            return self._problem(request, LINK_INVALID)
        return render(request, self.template_name, {"label": label, "token": token})

    def post(self, request, token):
        try:
            _user, label = account.setting_turn_off_by_token(token)
        except signing.SignatureExpired:
            return self._problem(request, LINK_EXPIRED)
        except (signing.BadSignature, ValueError, TypeError):
            return self._problem(request, LINK_INVALID)
        except LookupError:
            return self._problem(request, LINK_GONE, status=200)
        return render(request, self.template_name, {"label": label, "done": True})

    def _problem(self, request, message, status=400):
        return render(request, self.template_name, {"problem": message}, status=status)
