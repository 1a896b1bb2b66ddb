"""Every URL pattern of the site, requested with a little data and with more: the
number of SQL queries must be the same at both sizes (no query per row) and stay
within the pattern's budget below. A pattern with neither a budget nor a reason to
be left out makes test_every_url_pattern_has_a_budget_or_a_reason_to_be_left_out
fail with its name.

The data is built once per size, in a module-scoped fixture that measures every
pattern; the tests then read the measurements. Each request runs in a savepoint
rolled back afterwards, with the cache and the content-type cache emptied and a
fresh client, so it finds the same world whatever ran before it.
"""

import datetime
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from cohorts.models import ActionPlanItem, Session
from community.discussions.services import post_create
from community.models import (
    BoardFollow,
    DigestSchedule,
    Flag,
    ModerationLog,
    Notification,
    NotificationSettings,
    OutgoingEmail,
    Post,
    PostRevision,
    Reaction,
    ReadState,
    Suspension,
    ThreadFollow,
    TopicFollow,
)
from community.notifications.tokens import unsubscribe_token
from resources.models import Bookmark, CollectionItem
from tests.client import Client
from tests.factories import (
    BoardFactory,
    CohortFactory,
    CollectionFactory,
    OrganizationFactory,
    ProgramFactory,
    ResourceFactory,
    UserFactory,
    add_city,
    add_member,
    make_thread,
)

# Tests marked so get a test database; these only read the fixture's measurements.
pytestmark = pytest.mark.django_db

SIZES = (2, 12)  # of every thing a page lists: resources, posts, cities, members...

# --- Budgets -----------------------------------------------------------------------
# The most queries a GET of the pattern may run, as the viewer REQUESTS names (a
# member of a cohort unless it says otherwise). A signed-in page pays 3 for the
# layout: the session's user, the header's display name and unread-notice count.
BUDGETS = {
    # Members' pages are never kept whole (core/page_cache.py): nothing to add.
    "home": 8,  # featured resources and collections, threads, cohorts, sessions
    # cold cache, beside the layout's 3: topics (3: the library's versions, the
    # facet cells counted again, the topics), versions, boards, 2 each for
    # resources and discussions (a count stopped at 1,000, the page), handles,
    # cohorts, sessions, members
    "search": 16,
    "health": 1,
    "django.contrib.sitemaps.views.sitemap": 4,
    # allauth, as a guest unless the page is for a signed-in member
    "account_login": 0,
    "account_logout": 3,  # a GET asks to confirm
    "account_inactive": 0,
    "account_signup": 0,
    # with allauth.mfa: whether she has each kind of second factor (3)
    "account_reauthenticate": 6,
    "account_request_reauthentication_code": 3,
    "account_confirm_reauthentication_code": 3,
    "account_email": 5,
    "account_email_verification_sent": 0,
    "account_change_password": 3,
    "account_set_password": 1,
    "account_reset_password": 0,
    "account_confirm_login_code": 0,
    "account_confirm_email": 3,
    "account_reset_password_from_key_done": 0,
    "account_reset_password_from_key": 1,
    "account_reset_password_done": 0,
    "mfa_index": 5,
    "mfa_authenticate": 0,
    "mfa_reauthenticate": 6,
    "mfa_activate_totp": 2,
    "mfa_deactivate_totp": 9,
    "mfa_view_recovery_codes": 8,
    "mfa_generate_recovery_codes": 7,
    "mfa_download_recovery_codes": 8,
    "mfa_list_webauthn": 4,
    "mfa_add_webauthn": 2,
    "mfa_remove_webauthn": 7,
    "mfa_edit_webauthn": 7,
    # community
    "community:board_list": 5,
    "community:member_list": 6,
    "community:profile_detail": 6,
    "community:profile_edit": 5,
    "community:thread_create": 7,
    # settings, topics, followed boards and threads, export, second factor
    "community:settings": 10,
    "community:account_delete": 3,
    "community:unsubscribe": 0,
    "community:notification_list": 5,
    "community:notification_open": 3,
    "community:thread_short": 2,
    # The member's first visit: the page of posts, her reactions, her standing
    # (suspension, verified address), her watch level, topics, shared resources,
    # and her read state saved (get_or_create: 5 with its savepoint).
    "community:thread_detail": 19,
    "community:post_permalink": 3,
    "community:post_edit": 4,
    "community:post_history": 5,
    "community:post_flag": 4,
    "community:board_detail": 9,
    "community:board_thread_create": 8,
    # resources
    # With the cache empty: the versions, the facet cells counted again (the
    # library changed), four facets and the count from them (then cached under
    # those versions), the page's ids, rows and topics.
    "resources:resource_list": 13,
    "resources:resource_feed": 1,
    "resources:bookmark_list": 5,
    "resources:resource_autocomplete": 1,
    "resources:suggest": 3,
    "resources:suggest_thanks": 3,
    "resources:collection_list": 5,
    "resources:collection_detail": 8,  # cold: + the versions its list is kept under
    # topics, related, collections, saved?, discussions, and standing to post
    "resources:resource_detail": 12,
    "resources:resource_download": 1,
    # cohorts
    "cohorts:program_list": 6,
    "cohorts:program_detail": 8,
    # the workspace: cities, sessions, roster, plans with items, the cohort board
    "cohorts:cohort_detail": 13,
    "cohorts:session_detail": 7,
    "cohorts:cohort_calendar": 2,
    "cohorts:cohort_calendar_private": 4,
    # the admin's own pages, as a superuser (model pages: ADMIN_BUDGETS)
    "admin:index": 4,
    "admin:login": 1,  # signed in: on to the index
    "admin:password_change": 2,
    "admin:password_change_done": 2,
    "admin:autocomplete": 3,
    "admin:jsi18n": 1,
    "admin:view_on_site": 3,
    "admin:app_list": 3,
    "admin:community_digest_preview": 11,  # a member's whole digest
    "admin:auth_user_password_change": 3,
    "admin/(?P<url>.*)$": 1,  # the admin's catch-all: adds a missing slash
}

# Pages a guest sees differently (public boards only, no workspace, no account
# menu), measured as a guest too, as "<pattern>@guest".
GUEST_BUDGETS = {
    # each pays 1 for the versions its whole page is kept under
    # (core/page_cache.py); with the cache warm, that 1 is all it runs
    "home": 4,
    "community:board_list": 2,
    "community:thread_detail": 6,
    "community:board_detail": 4,
    "resources:resource_list": 11,  # + the facet cells counted again
    "resources:resource_detail": 6,
    "cohorts:program_list": 3,
    "cohorts:cohort_detail": 4,
}

# Every registered ModelAdmin's changelist, add, change, delete and history pages,
# as a superuser; change, delete and history show the object build_world() picks,
# the one with the most rows attached (inlines, objects deleted along). The
# admin's pages run more queries than the site's (permissions, filters, inlines,
# ContentType lookups), but no more with more rows.
ADMIN_VIEWS = ("changelist", "add", "change", "delete", "history")
ADMIN_BUDGETS = {
    "auth.group": (5, 4, 6, 5, 6),
    "account.emailaddress": (5, 3, 5, 4, 6),
    "taggit.tag": (5, 7, 9, 7, 6),
    "django_tasks_database.dbtaskresult": (7, 3, 4, 4, 6),
    "resources.organization": (5, 3, 4, 8, 6),
    "resources.resource": (8, 3, 9, 12, 6),  # delete: topics, collections, saves...
    "resources.collection": (5, 3, 5, 4, 6),
    "cohorts.program": (5, 3, 9, 6, 6),
    # change: three inlines; delete: cities, members, sessions and what they hold
    "cohorts.cohort": (6, 7, 13, 17, 6),
    "cohorts.city": (5, 3, 4, 4, 6),
    "cohorts.participatingcity": (6, 3, 8, 10, 6),
    "cohorts.cohortmembership": (6, 3, 12, 6, 9),
    "cohorts.session": (8, 3, 8, 7, 6),
    "cohorts.actionplanitem": (6, 3, 6, 3, 6),
    "community.profile": (5, 3, 5, 3, 6),
    "community.board": (5, 4, 5, 5, 6),
    "community.thread": (6, 3, 10, 13, 6),  # delete: posts, reactions, follows...
    "community.post": (6, 3, 9, 9, 7),
    "community.flag": (5, 3, 7, 4, 7),
    "community.suspension": (5, 3, 7, 4, 7),
    "community.moderationlog": (5, 3, 9, 4, 6),
    "community.outgoingemail": (7, 3, 6, 3, 6),
    "community.digestschedule": (2, 4, 5, 4, 6),
    "auth.user": (6, 3, 8, 24, 6),  # delete: one query per table a member is in
    "mfa.authenticator": (5, 3, 5, 3, 6),
}
# A model's old change URL (<object_id>/) only redirects to the new one.
ADMIN_REDIRECT_BUDGET = 1
# Admin pages whose normal answer is not 200.
ADMIN_STATUS = {
    "admin:django_tasks_database_dbtaskresult_add": 403,  # task results are read-only
    "admin:django_tasks_database_dbtaskresult_delete": 403,
    "admin:community_flag_add": 403,  # members raise flags, not staff
    "admin:mfa_authenticator_add": 403,  # members add their own second factors
    "admin:community_moderationlog_add": 403,  # the services write the log
    "admin:community_moderationlog_delete": 403,
    "admin:community_outgoingemail_add": 403,
    "admin:community_digestschedule_changelist": 302,  # one row: straight to it
    "admin:community_digestschedule_add": 403,
    "admin:community_digestschedule_delete": 403,
}

# --- Left out, with the reason -----------------------------------------------------
# Actions that only POST: a GET must answer 405 and write nothing.
POST_ONLY = {
    "community:topic_follow": "follows or unfollows a topic",
    "community:export": "builds the member's data archive",
    "community:notifications_read": "marks every notification read",
    "community:post_create": "posts a reply",
    "community:thread_follow": "sets a watching level",
    "community:thread_moderate": "locks or pins a thread",
    "community:post_delete": "deletes a post",
    "community:post_react": "toggles a reaction",
    "community:post_moderate": "hides or restores a post",
    "community:board_follow": "sets a watching level",
    "resources:bookmark_toggle": "saves or unsaves a resource",
    "cohorts:cohort_calendar_reset": "gives the member a new calendar address",
    "cohorts:action_item_status": "moves a plan item along",
    "admin:logout": "signs the staff member out",
}
# Patterns not requested at all. They may be absent: the media files are mounted
# only under DEBUG (config/urls.py); in production the web server serves them.
EXCLUDED = {
    "^media/(?P<path>.*)$": "uploaded files from disk, under DEBUG only",
    "mfa_reauthenticate_webauthn": "asks the browser's security key: needs a real "
    "key's credential, which no test world can forge",
}


# --- The world ------------------------------------------------------------------------


@dataclass
class World:
    size: int
    member: object = None  # maria: in every cohort of the program, author, follower
    superuser: object = None
    others: list = field(default_factory=list)
    resource: object = None  # with a file, n topics, n related, in n collections
    collection: object = None  # n items
    board: object = None  # public, n threads
    thread: object = None  # n posts with reactions, replies, topics, resources
    post: object = None  # maria's, edited n times
    notification: object = None
    cohort: object = None  # n cities, n plan items each, n members, n sessions a kind
    session: object = None  # n materials
    membership: object = None  # maria's
    admin_objects: dict = field(default_factory=dict)
    security_key: object = None  # maria's, a second factor


def build_world(n: int) -> World:
    """n of every thing the pages list, and of every kind of it (so the small world
    meets every code path the large one does); the objects the URLs need are kept
    on the World."""
    w = World(size=n)
    now = timezone.now()
    today = timezone.localdate()
    w.superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    w.member = member = UserFactory(
        username="maria", profile__display_name="Maria Lopez"
    )
    w.others = others = [UserFactory() for _ in range(n)]
    EmailAddress.objects.bulk_create(
        EmailAddress(user=member, email=f"maria{i}@example.net", verified=False)
        for i in range(n)
    )

    # The library.
    orgs = [OrganizationFactory() for _ in range(n)]
    topics = [f"Topic {i}" for i in range(n)]
    resources = [
        ResourceFactory(
            organization=orgs[i],
            subject_organization=orgs[-1 - i],
            featured=True,
            published_at=now - datetime.timedelta(days=i),
            for_city_staff=True,
            topics=topics,
        )
        for i in range(n)
    ]
    for i in range(n):
        ResourceFactory(state="draft", suggested_by=others[i], topics=topics[:1])
    w.resource = resource = resources[0]
    resource.related.set(resources[1:])
    resource.file.save("guide.pdf", ContentFile(b"%PDF-1.7 test"))
    statement = ResourceFactory(kind="statement", organization=orgs[0])
    collections = [CollectionFactory(featured=True) for _ in range(n)]
    CollectionItem.objects.bulk_create(
        CollectionItem(collection=c, resource=r, position=p)
        for c in collections
        for p, r in enumerate(resources)
    )
    w.collection = collections[0]
    Bookmark.objects.bulk_create(Bookmark(user=member, resource=r) for r in resources)
    tags = list(resource.tags.all())
    TopicFollow.objects.bulk_create(TopicFollow(user=member, tag=t) for t in tags[1:])

    # The cohort program: maria's program has n cohorts, n-1 others one each.
    program = ProgramFactory(organization=orgs[0])
    program.partners.set(orgs)
    program.funders.set(orgs)
    dates = {
        "starts_on": today - datetime.timedelta(days=60),
        "ends_on": today + datetime.timedelta(days=400),
        "state": "active",
        "announcement": statement,
    }
    cohorts = [CohortFactory(program=program, **dates) for _ in range(n)]
    for _ in range(n - 1):
        CohortFactory(program=ProgramFactory(), **dates)
    w.cohort = cohort = cohorts[0]
    cities = [add_city(cohort, f"Town {i}", "KS") for i in range(n)]
    w.membership = add_member(cohort, member, city=cities[0])
    for i, other in enumerate(cohorts[1:], start=1):
        add_member(other, member, city=add_city(other, f"Village {i}", "NY"))
    for i, user in enumerate(others):
        if i == 0:
            add_member(cohort, user, role="coach")
        else:
            role = "city_lead" if i % 2 else "participant"
            add_member(cohort, user, role=role, city=cities[i % n])
    ActionPlanItem.objects.bulk_create(
        ActionPlanItem(
            city=city,
            title=f"Step {i}",
            position=i,
            status=ActionPlanItem.Status.values[i % 3],
            due_on=today + datetime.timedelta(days=i),
        )
        for city in cities
        for i in range(n)
    )
    # n sessions of each kind: site visits hosted and coaching calls for a city
    # (maria's first), half of them past.
    sessions = []
    for kind in Session.Kind.values:
        for i in range(n):
            starts = now + datetime.timedelta(days=i - n // 2, hours=1)
            session = Session.objects.create(
                cohort=cohort,
                kind=kind,
                title=f"{kind} {i}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                host_city=cities[i] if kind == "site_visit" else None,
                for_city=cities[i] if kind == "coaching_call" else None,
                location="City Hall",
                online_url="https://meet.example.org/room",
                agenda="1. Welcome\n2. **Work**",
            )
            session.materials.set(resources)
            sessions.append(session)
    w.session = sessions[n - 1]  # a convening, upcoming, for the whole cohort

    # The board: n boards; the first (public) has n threads; its first thread has
    # n posts, each replying to the one before, with reactions.
    boards = [
        BoardFactory(visibility="public" if i % 2 == 0 else "members") for i in range(n)
    ]
    w.board = board = boards[0]
    threads = [
        make_thread(
            board=board,
            author=others[i],
            title=f"Question {i}",
            body="How does your city pay for this?",
        )
        for i in range(n)
    ]
    for other_board in boards[1:]:
        make_thread(board=other_board, author=others[0])
    cohort_board = cohort.board
    for i in range(n):
        make_thread(board=cohort_board, author=others[i], title=f"Cohort talk {i}")
    w.thread = thread = threads[0]
    thread.tags.add(*topics)
    thread.resources.set(resources)
    for t in threads[1:]:
        t.resources.add(resource)
    previous = thread.posts.get()
    for i in range(n):
        author = member if i == 1 else others[i]
        previous = post_create(
            thread=thread,
            author=author,
            body=f"Our city did it this way ({i}), @maria.",
            reply_to=previous,
        )
        if author == member:
            w.post = previous
    posts = list(thread.posts.all())
    Reaction.objects.bulk_create(
        Reaction(post=p, user=u, kind="helpful") for p in posts for u in others
    )
    Reaction.objects.bulk_create(
        Reaction(post=p, user=member, kind="thanks") for p in posts
    )
    Post.objects.filter(thread=thread).update(helpful_count=n, thanks_count=1)
    PostRevision.objects.bulk_create(
        PostRevision(post=w.post, body=f"Draft {i}", author=member, created_at=now)
        for i in range(n)
    )
    Post.objects.filter(pk=w.post.pk).update(edited_at=now)
    # Maria has read every thread of the board up to its first post, except the
    # first thread, which she has not opened since (so it opens at the top).
    ReadState.objects.filter(user=member).delete()
    ReadState.objects.bulk_create(
        ReadState(user=member, thread=t, read_up_to=t.posts.first().pk)
        for t in threads[1:]
    )
    ThreadFollow.objects.filter(user=member).delete()
    ThreadFollow.objects.bulk_create(
        ThreadFollow(user=member, thread=t, level="watching") for t in threads
    )
    BoardFollow.objects.bulk_create(
        BoardFollow(user=member, board=b, level="watching") for b in boards
    )

    # Maria's notifications: n of each kind, each with its e-mail.
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=member,
            kind=kind,
            actor=others[i],
            post=None if kind in {"session", "resource"} else posts[i],
            session=sessions[i] if kind == "session" else None,
            resource=resources[i] if kind == "resource" else None,
            detail=f"Something happened ({i})",
        )
        for kind in Notification.Kind.values
        for i in range(n)
    )
    OutgoingEmail.objects.bulk_create(
        OutgoingEmail(
            recipient=member,
            kind="notification",
            key=f"budget-{n}-{note.pk}",
            notification=note,
            to_address=member.email,
            subject=note.detail,
        )
        for note in notifications
    )
    w.notification = notifications[0]
    NotificationSettings.objects.create(user=member, watched="immediately")

    # Moderation, tasks, groups, and each admin object's history.
    Flag.objects.bulk_create(
        Flag(post=posts[i], reporter=others[i], reason="Off topic") for i in range(n)
    )
    Suspension.objects.bulk_create(
        Suspension(
            user=others[i],
            until=now + datetime.timedelta(days=i + 1),
            reason="Cooling off",
            created_by=w.superuser,
        )
        for i in range(n)
    )
    ModerationLog.objects.bulk_create(
        ModerationLog(
            moderator=w.superuser,
            action="hide",
            post=posts[i],
            thread=thread,
            member=others[i],
            reason="Off topic",
        )
        for i in range(n)
    )
    DigestSchedule.load()
    DBTaskResult.objects.bulk_create(
        DBTaskResult(
            task_path="community.tasks.tick",
            args_kwargs={"args": [], "kwargs": {}},
            backend_name="default",
            run_after=get_date_max(),
        )
        for _ in range(n)
    )
    permissions = list(Permission.objects.order_by("pk")[:n])
    groups = [Group.objects.create(name=f"Team {n} {i}") for i in range(n)]
    for group in groups:
        group.permissions.set(permissions)
        group.user_set.set(others)

    # Her second factors: an authenticator app, recovery codes, n security keys.
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(member, generate_totp_secret())
    RecoveryCodes.activate(member)
    keys = [
        Authenticator.objects.create(
            user=member,
            type=Authenticator.Type.WEBAUTHN,
            data={"name": f"Key {i}", "credential": {}},
        )
        for i in range(n)
    ]
    w.security_key = keys[0]
    w.admin_objects = {
        "auth.group": groups[0],
        "account.emailaddress": EmailAddress.objects.get(user=member, primary=True),
        "taggit.tag": tags[0],
        "django_tasks_database.dbtaskresult": DBTaskResult.objects.first(),
        "resources.organization": orgs[0],
        "resources.resource": resource,
        "resources.collection": w.collection,
        "cohorts.program": program,
        "cohorts.cohort": cohort,
        "cohorts.city": cities[0].city,
        "cohorts.participatingcity": cities[0],
        "cohorts.cohortmembership": w.membership,
        "cohorts.session": w.session,
        "cohorts.actionplanitem": ActionPlanItem.objects.first(),
        "community.profile": member.profile,
        "community.board": board,
        "community.thread": thread,
        "community.post": w.post,
        "community.flag": Flag.objects.first(),
        "community.suspension": Suspension.objects.first(),
        "community.moderationlog": ModerationLog.objects.first(),
        "community.outgoingemail": OutgoingEmail.objects.first(),
        "community.digestschedule": DigestSchedule.load(),
        "auth.user": member,
        "mfa.authenticator": w.security_key,
    }
    LogEntry.objects.bulk_create(
        LogEntry(
            user=w.superuser,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            action_flag=CHANGE,
            change_message=f"Changed {i}",
        )
        for obj in w.admin_objects.values()
        for i in range(n)
    )
    return w


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
    "community:thread_short": Req(lambda w: {"pk": w.thread.pk}, status=301),
    "community:thread_detail": Req(_thread),
    "community:post_permalink": Req(_post, status=302),
    "community:post_edit": Req(_post),
    "community:post_history": Req(_post),
    "community:post_flag": Req(lambda w: {"pk": w.thread.posts.first().pk}),
    "community:board_detail": Req(lambda w: {"slug": w.board.slug}),
    "community:board_thread_create": Req(lambda w: {"slug": w.board.slug}),
    # Actions that only POST (POST_ONLY): a GET must answer 405.
    "community:topic_follow": Req(),
    "community:export": Req(),
    "community:notifications_read": Req(),
    "community:post_create": Req(lambda w: {"pk": w.thread.pk}),
    "community:thread_follow": Req(lambda w: {"pk": w.thread.pk}),
    "community:thread_moderate": Req(lambda w: {"pk": w.thread.pk, "action": "lock"}),
    "community:post_delete": Req(_post),
    "community:post_react": Req(_post),
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


def _admin_pages() -> tuple[dict, dict]:
    """The budgets and requests of each ModelAdmin's pages, from ADMIN_BUDGETS."""
    budgets, requests = {}, {}
    for label, numbers in ADMIN_BUDGETS.items():
        app_label, model_name = label.split(".")
        prefix = f"admin:{app_label}_{model_name}"

        def obj_kwargs(w, label=label):
            return {"object_id": w.admin_objects[label].pk}

        for view, budget in zip(ADMIN_VIEWS, numbers, strict=True):
            name = f"{prefix}_{view}"
            budgets[name] = budget
            requests[name] = Req(
                None if view in {"changelist", "add"} else obj_kwargs,
                viewer=ROOT,
                status=ADMIN_STATUS.get(name, 200),
            )
        name = f"admin/{app_label}/{model_name}/<path:object_id>/"
        budgets[name] = ADMIN_REDIRECT_BUDGET
        requests[name] = Req(
            path=lambda w, label=label, a=app_label, m=model_name: (
                f"/admin/{a}/{m}/{w.admin_objects[label].pk}/"
            ),
            viewer=ROOT,
            status=302,
        )
    return budgets, requests


_admin_budgets, _admin_requests = _admin_pages()
BUDGETS |= _admin_budgets
REQUESTS |= _admin_requests


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


# --- Measuring ---------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    test_id: str
    key: str  # the pattern
    req: Req
    viewer: str
    budget: int | None  # None: an action that only POSTs


def _cases() -> list[Case]:
    cases = [Case(k, k, REQUESTS[k], REQUESTS[k].viewer, b) for k, b in BUDGETS.items()]
    cases += [
        Case(f"{k}@guest", k, REQUESTS[k], GUEST, b) for k, b in GUEST_BUDGETS.items()
    ]
    cases += [Case(k, k, REQUESTS[k], REQUESTS[k].viewer, None) for k in POST_ONLY]
    return cases


CASES = _cases()
BUDGETED = [case for case in CASES if case.budget is not None]


@dataclass
class Measure:
    status: int | str  # or the exception the request raised
    queries: list[str]

    @property
    def count(self) -> int:
        return len(self.queries)


def _url(case: Case, w: World) -> str:
    if case.req.path:
        return case.req.path(w)
    url = reverse(case.key, kwargs=case.req.kwargs(w) if case.req.kwargs else None)
    return f"{url}?{case.req.query}" if case.req.query else url


def _measure(case: Case, w: World) -> Measure:
    try:
        with transaction.atomic():
            cache.clear()
            ContentType.objects.clear_cache()
            client = Client()
            if case.viewer == MEMBER:
                client.force_login(w.member)
            elif case.viewer == ROOT:
                client.force_login(w.superuser)
            url = _url(case, w)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
                if response.streaming:  # a download reads its file to the end
                    b"".join(response.streaming_content)
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - reported as the pattern's failure
        return Measure(f"{type(error).__name__}: {error}", [])
    return Measure(response.status_code, [q["sql"] for q in captured.captured_queries])


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker, tmp_path_factory):
    """{test id: {size: Measure}}: every case, at every size."""
    results = {case.test_id: {} for case in CASES}
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        for size in SIZES:
            with transaction.atomic():
                world = build_world(size)
                for case in CASES:
                    results[case.test_id][size] = _measure(case, world)
                transaction.set_rollback(True)
    cache.clear()
    return results


def _shape(sql: str) -> str:
    """The query without its numbers (ids, lists of ids, limits, cursor names)."""
    return re.sub(r"N(, N)+", "N, ...", re.sub(r"\d+", "N", sql))


def _report(case: Case, runs: dict) -> str:
    counts = ", ".join(f"{runs[size].count} with {size} of each" for size in SIZES)
    lines = [f"{case.test_id}: {counts} (budget {case.budget})"]
    small, large = (Counter(map(_shape, runs[size].queries)) for size in SIZES)
    grown = [(large[sql] - small[sql], sql) for sql in large]
    if grown := [(more, sql) for more, sql in grown if more > 0]:
        lines.append("Queries repeated more with more data:")
        lines += [f"  +{more}: {sql[:300]}" for more, sql in grown]
    lines.append(f"Queries with {SIZES[-1]} of each:")
    lines += [f"  {n}. {sql[:300]}" for n, sql in enumerate(runs[SIZES[-1]].queries, 1)]
    return "\n".join(lines)


@pytest.mark.parametrize("case", BUDGETED, ids=[case.test_id for case in BUDGETED])
def test_page_queries_stay_within_budget_whatever_the_data(measured, case):
    runs = measured[case.test_id]
    statuses = {size: runs[size].status for size in SIZES}
    assert set(statuses.values()) == {case.req.status}, (
        f"{case.test_id} answered {statuses}, not {case.req.status}"
    )
    counts = {runs[size].count for size in SIZES}
    assert len(counts) == 1, "queries grow with the data: " + _report(case, runs)
    assert counts.pop() <= case.budget, "over budget: " + _report(case, runs)


POST_ONLY_CASES = [case for case in CASES if case.budget is None]
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.mark.parametrize(
    "case", POST_ONLY_CASES, ids=[case.test_id for case in POST_ONLY_CASES]
)
def test_get_of_an_action_answers_405_and_writes_nothing(measured, case):
    for size, run in measured[case.test_id].items():
        assert run.status == 405, f"{case.test_id} answered {run.status} to a GET"
        writes = [sql for sql in run.queries if sql.lstrip().upper().startswith(WRITES)]
        assert not writes, f"{case.test_id} wrote on a GET ({size} of each): {writes}"


def test_every_url_pattern_has_a_budget_or_a_reason_to_be_left_out():
    patterns = url_pattern_keys()
    covered = BUDGETS.keys() | POST_ONLY.keys() | EXCLUDED.keys()
    missing = [key for key in patterns if key not in covered]
    assert not missing, (
        "URL patterns with neither a budget (BUDGETS, or ADMIN_BUDGETS for a "
        "ModelAdmin) nor a reason to be left out (POST_ONLY, EXCLUDED): "
        f"{missing}"
    )
    stale = sorted((BUDGETS.keys() | POST_ONLY.keys()) - set(patterns))
    assert not stale, f"budgets for URL patterns that no longer exist: {stale}"
    assert GUEST_BUDGETS.keys() <= BUDGETS.keys()
    assert not BUDGETS.keys() & POST_ONLY.keys()
