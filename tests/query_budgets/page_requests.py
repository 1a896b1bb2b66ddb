"""How each URL pattern is requested (by whom, with what), and every pattern."""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cohorts.models import ActionPlanItem, Milestone
from community.notifications.tokens import unsubscribe_token
from tests.query_budgets.budgets import ADMIN_BUDGETS, ADMIN_STATUS, ADMIN_VIEWS
from tests.query_budgets.world import World

# --- How each pattern is requested -------------------------------------------------

GUEST, MEMBER, ROOT = "guest", "member", "superuser"


@dataclass(frozen=True)
class Req:
    kwargs: Callable[[World], dict] | None = None  # for reverse()
    query: str = ""
    viewer: str = MEMBER
    status: int = 200  # what the page normally answers
    path: Callable[[World], str] | None = None  # for a pattern without a name


def _thread(w):
    return {"pk": w.thread.pk, "slug": w.thread.slug}


def _post(w):
    return {"pk": w.post.pk}


def _cohort(w):
    return {"program": w.cohort.program.slug, "cohort": w.cohort.slug}


REQUESTS = {
    "home": Req(),
    "search": Req(query="q=city"),
    "topic_detail": Req(lambda w: {"slug": w.topic.slug}),
    "help": Req(),
    "health": Req(viewer=GUEST),
    "django.contrib.sitemaps.views.sitemap": Req(viewer=GUEST),
    "account_login": Req(viewer=GUEST),
    "account_logout": Req(),  # a GET asks to confirm
    "account_inactive": Req(viewer=GUEST),
    "account_signup": Req(viewer=GUEST),
    "account_reauthenticate": Req(),
    # Reauthentication by an e-mailed code is off (settings): both pages refuse.
    "account_request_reauthentication_code": Req(status=403),
    "account_confirm_reauthentication_code": Req(status=403),
    "account_email": Req(),
    "account_email_verification_sent": Req(viewer=GUEST),
    "account_change_password": Req(),
    "account_set_password": Req(status=302),  # she has one: to "change password"
    "account_reset_password": Req(viewer=GUEST),
    # Without a code sent first, back to the sign-in page.
    "account_confirm_login_code": Req(viewer=GUEST, status=302),
    "account_confirm_email": Req(
        lambda w: {
            "key": EmailConfirmationHMAC(
                EmailAddress.objects.filter(user=w.member, verified=False).first()
            ).key
        },
        viewer=GUEST,
    ),
    "account_reset_password_from_key_done": Req(viewer=GUEST),
    # A wrong key: the page says the link is not valid.
    "account_reset_password_from_key": Req(
        lambda w: {"uidb36": user_pk_to_url_str(w.member), "key": "set-by-test"},
        viewer=GUEST,
    ),
    "account_reset_password_done": Req(viewer=GUEST),
    # Second factors (allauth.mfa): maria has one of each kind. Changing them asks
    # for her password first (she signed in long ago: 302 to reauthenticate).
    "mfa_index": Req(),
    "mfa_authenticate": Req(viewer=GUEST, status=302),  # no sign-in under way
    "mfa_reauthenticate": Req(),
    "mfa_activate_totp": Req(status=302),
    "mfa_deactivate_totp": Req(status=302),
    "mfa_view_recovery_codes": Req(status=302),
    "mfa_generate_recovery_codes": Req(status=302),
    "mfa_download_recovery_codes": Req(status=302),
    "mfa_list_webauthn": Req(),
    "mfa_add_webauthn": Req(status=302),
    "mfa_remove_webauthn": Req(lambda w: {"pk": w.security_key.pk}, status=302),
    "mfa_edit_webauthn": Req(lambda w: {"pk": w.security_key.pk}, status=302),
    "community:board_list": Req(),
    "community:member_list": Req(),
    "community:profile_detail": Req(lambda w: {"username": w.others[0].username}),
    "community:profile_edit": Req(lambda w: {"username": w.member.username}),
    "community:thread_create": Req(),
    "community:settings": Req(),
    "community:account_delete": Req(),
    "community:unsubscribe": Req(
        lambda w: {"token": unsubscribe_token(w.member, "watched")}, viewer=GUEST
    ),
    "community:notification_list": Req(),
    "community:notification_open": Req(lambda w: {"pk": w.notification.pk}, status=302),
    "community:conversation_list": Req(),
    "community:conversation_create": Req(query="to=maria"),
    "community:conversation_detail": Req(lambda w: {"pk": w.conversation.pk}),
    "community:message_report": Req(lambda w: {"pk": w.message.pk}),
    "community:conversation_leave": Req(lambda w: {"pk": w.conversation.pk}),
    "community:member_block": Req(lambda w: {"username": w.others[0].username}),
    "community:thread_short": Req(lambda w: {"pk": w.thread.pk}, status=301),
    "community:thread_detail": Req(_thread),
    "community:thread_news": Req(lambda w: {"pk": w.thread.pk}, query="after=1"),
    "community:board_news": Req(
        lambda w: {"slug": w.board.slug}, query="since=2026-01-01T00:00:00%2B00:00"
    ),
    "community:notification_count": Req(),
    "community:post_permalink": Req(_post, status=302),
    "community:post_edit": Req(_post),
    "community:post_history": Req(_post),
    "community:post_flag": Req(lambda w: {"pk": w.thread.posts.first().pk}),
    "community:board_detail": Req(lambda w: {"slug": w.board.slug}),
    "community:board_thread_create": Req(lambda w: {"slug": w.board.slug}),
    # Feed readers have no session.
    "community:board_feed": Req(lambda w: {"slug": w.board.slug}, viewer=GUEST),
    "community:thread_feed": Req(_thread, viewer=GUEST),
    # Actions that only POST (POST_ONLY): a GET must answer 405.
    "community:topic_follow": Req(),
    "language_set": Req(),
    "community:export": Req(),
    "community:notifications_read": Req(),
    "community:post_create": Req(lambda w: {"pk": w.thread.pk}),
    "community:thread_follow": Req(lambda w: {"pk": w.thread.pk}),
    "community:thread_moderate": Req(lambda w: {"pk": w.thread.pk, "action": "lock"}),
    "community:post_delete": Req(_post),
    "community:post_react": Req(_post),
    "community:post_answer": Req(_post),
    "community:attachment": Req(
        lambda w: {"pk": w.attachment.pk, "name": w.attachment.name}
    ),
    "community:thread_answer_clear": Req(lambda w: {"pk": w.thread.pk}),
    "community:post_moderate": Req(lambda w: {"pk": w.post.pk, "action": "hide"}),
    "community:board_follow": Req(lambda w: {"slug": w.board.slug}),
    "resources:resource_list": Req(),
    "resources:resource_feed": Req(viewer=GUEST),
    "resources:bookmark_list": Req(),
    "resources:resource_autocomplete": Req(query="q=resource", viewer=GUEST),
    "resources:suggest": Req(),
    "resources:suggest_thanks": Req(),
    "resources:collection_list": Req(),
    "resources:collection_detail": Req(lambda w: {"slug": w.collection.slug}),
    "resources:resource_detail": Req(lambda w: {"slug": w.resource.slug}),
    "resources:resource_download": Req(
        lambda w: {"slug": w.resource.slug}, viewer=GUEST
    ),
    "resources:bookmark_toggle": Req(lambda w: {"slug": w.resource.slug}),
    "cohorts:program_list": Req(),
    "cohorts:program_detail": Req(lambda w: {"program": w.cohort.program.slug}),
    "cohorts:cohort_detail": Req(_cohort),
    "cohorts:session_detail": Req(lambda w: {**_cohort(w), "session": w.session.pk}),
    "cohorts:cohort_calendar": Req(_cohort, viewer=GUEST),
    "cohorts:cohort_calendar_private": Req(
        lambda w: {**_cohort(w), "token": w.membership.calendar_token}, viewer=GUEST
    ),
    "cohorts:cohort_calendar_reset": Req(_cohort),
    "cohorts:action_item_status": Req(
        lambda w: {**_cohort(w), "item": ActionPlanItem.objects.first().pk}
    ),
    "cohorts:cohort_dashboard": Req(_cohort),
    "cohorts:cohort_dashboard_csv": Req(_cohort),
    "cohorts:milestone_record": Req(_cohort),
    "cohorts:milestone_remove": Req(
        lambda w: {**_cohort(w), "milestone": Milestone.objects.first().pk}
    ),
    "cohorts:session_respond": Req(lambda w: {**_cohort(w), "session": w.session.pk}),
    "cohorts:attendance_record": Req(lambda w: {**_cohort(w), "session": w.session.pk}),
    "admin:index": Req(viewer=ROOT),
    "admin:login": Req(viewer=ROOT, status=302),  # signed in: on to the index
    "admin:logout": Req(viewer=ROOT),
    "admin:password_change": Req(viewer=ROOT),
    "admin:password_change_done": Req(viewer=ROOT),
    "admin:autocomplete": Req(
        query="app_label=resources&model_name=resource&field_name=organization",
        viewer=ROOT,
    ),
    "admin:jsi18n": Req(viewer=ROOT),
    "admin:view_on_site": Req(
        lambda w: {
            "content_type_id": ContentType.objects.get_for_model(w.resource).pk,
            "object_id": w.resource.pk,
        },
        viewer=ROOT,
        status=302,
    ),
    "admin:app_list": Req(lambda w: {"app_label": "community"}, viewer=ROOT),
    "admin:community_digest_preview": Req(query="member=maria", viewer=ROOT),
    "admin:auth_user_password_change": Req(lambda w: {"id": w.member.pk}, viewer=ROOT),
    "admin/(?P<url>.*)$": Req(
        path=lambda w: "/admin/resources/resource", viewer=ROOT, status=301
    ),
}


def _admin_requests() -> dict:
    """The requests of each ModelAdmin's pages, from ADMIN_BUDGETS."""
    requests = {}
    for label in ADMIN_BUDGETS:
        app_label, model_name = label.split(".")
        prefix = f"admin:{app_label}_{model_name}"

        def obj_kwargs(w, label=label):
            return {"object_id": w.admin_objects[label].pk}

        for view in ADMIN_VIEWS:
            name = f"{prefix}_{view}"
            requests[name] = Req(
                None if view in {"changelist", "add"} else obj_kwargs,
                viewer=ROOT,
                status=ADMIN_STATUS.get(name, 200),
            )
        name = f"admin/{app_label}/{model_name}/<path:object_id>/"
        requests[name] = Req(
            path=lambda w, label=label, a=app_label, m=model_name: (
                f"/admin/{a}/{m}/{w.admin_objects[label].pk}/"
            ),
            viewer=ROOT,
            status=302,
        )
    return requests


REQUESTS |= _admin_requests()


def url_of(w: World, key: str) -> str:
    """The URL that requests the pattern key as REQUESTS says, in world w."""
    req = REQUESTS[key]
    if req.path:
        return req.path(w)
    url = reverse(key, kwargs=req.kwargs(w) if req.kwargs else None)
    return f"{url}?{req.query}" if req.query else url


# --- Walking the URL patterns -----------------------------------------------------


def url_pattern_keys(resolver=None, prefix="", namespace=None) -> list[str]:
    """Every pattern of the site, from the root resolver down: its name with its
    namespace, or its whole route if it has no name."""
    keys = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            keys += url_pattern_keys(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            keys.append(
                (f"{namespace}:{name}" if namespace else name) if name else route
            )
    return keys
