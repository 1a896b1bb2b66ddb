"""The language a page is in: the member's choice (Profile.language), otherwise
what the browser asks for (Django's LocaleMiddleware reads the language cookie
and Accept-Language). The footer's switcher sets one or the other."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from community.members.profiles import profile_language_set
from community.models.profiles import chosen_language

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


class MemberLanguageMiddleware:
    """After AuthenticationMiddleware: a member who chose a language gets it on
    every device. Their profile comes with the user (auth_backends)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            chosen = chosen_language(user)
            if chosen in LANGUAGE_CODES:
                translation.activate(chosen)
                request.LANGUAGE_CODE = chosen
        return self.get_response(request)


def _back(request) -> str:
    """The page the switcher was on: its form names none (a page's own address
    may hold what another viewer may not see, and pages stay alike), so the
    Referer, which the site's same-origin policy sends; else the home page."""
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return target


@method_decorator(csrf_exempt, name="dispatch")
class LanguageSetView(View):
    """The footer's switcher: a member's choice is kept on their profile; a
    guest's in the language cookie. An unknown language changes nothing.

    A guest's form carries no CSRF token, so that guests' pages stay the same for
    every guest (core/page_cache.py); all a forged request could do to a guest is
    choose their language. A member's choice is written to their profile, so
    their form carries a token and it is checked here."""

    def post(self, request):
        if request.user.is_authenticated:
            refused = CsrfViewMiddleware(lambda r: None).process_view(
                request, None, (), {}
            )
            if refused is not None:
                return refused
        language = request.POST.get("language", "")
        response = HttpResponseRedirect(_back(request))
        if language not in LANGUAGE_CODES:
            return response
        if request.user.is_authenticated:
            profile_language_set(user=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
        )
        return response
