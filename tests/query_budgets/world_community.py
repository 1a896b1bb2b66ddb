"""The query budgets' world, continued: boards, posts, notices, moderation, admin."""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.text import capfirst
from django_tasks_db.models import DBTaskResult, get_date_max

from cohorts.models import ActionPlanItem
from community.discussions.answers import answer_mark
from community.discussions.attachments import attach, checked
from community.discussions.services import post_create
from community.models import (
    BoardFollow,
    DigestSchedule,
    Flag,
    MessageReport,
    ModerationLog,
    Notification,
    NotificationSettings,
    OutgoingEmail,
    Post,
    PostRevision,
    Reaction,
    ReadState,
    Resolution,
    Suspension,
    ThreadFollow,
)
from tests.factories import BoardFactory, make_thread
from tests.images import picture

if TYPE_CHECKING:
    from tests.query_budgets.world import Parts, World


def build_boards(w: World, p: Parts) -> None:
    """n boards; the first (public) has n threads, the cohort's board n more, all
    on the world's topic."""
    n, others = w.size, w.others
    # The first board takes questions, to count an accepted answer's queries.
    p.boards = boards = [
        BoardFactory(
            visibility="public" if i % 2 == 0 else "members",
            kind="questions" if i == 0 else "discussions",
        )
        for i in range(n)
    ]
    w.board = board = boards[0]
    p.threads = threads = [
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
    cohort_board = w.cohort.board
    for i in range(n):
        talk = make_thread(
            board=cohort_board, author=others[i], title=f"Cohort talk {i}"
        )
        talk.tags.add(w.topic)
    w.thread = thread = threads[0]
    thread.tags.add(*p.topics)
    for t in threads[1:]:
        t.tags.add(w.topic)
    thread.resources.set(p.resources)
    for t in threads[1:]:
        t.resources.add(w.resource)


def build_posts(w: World, p: Parts) -> None:
    """The first thread's n posts, each replying to the one before and quoting
    the question, with reactions; maria's edited, and the accepted answer; what
    she has read and follows."""
    n, member, others, thread, threads = w.size, w.member, w.others, w.thread, p.threads
    previous = question = thread.posts.get()
    for i in range(n):
        author = member if i == 1 else others[i]
        previous = post_create(
            thread=thread,
            author=author,
            body=f"[quote=post:{question.pk}]\nHow does your city pay for this?\n"
            f"[/quote]\n\nOur city did it this way ({i}), @maria.",
            reply_to=previous,
        )
        if author == member:
            w.post = previous
    answer_mark(post=w.post, user=thread.author)
    (w.attachment,) = attach(
        post=w.post, uploads=[checked(picture(), "A chart")], uploader=member
    )
    p.posts = posts = list(thread.posts.all())
    Reaction.objects.bulk_create(
        Reaction(post=post, user=u, kind="helpful") for post in posts for u in others
    )
    Reaction.objects.bulk_create(
        Reaction(post=post, user=member, kind="thanks") for post in posts
    )
    Post.objects.filter(thread=thread).update(helpful_count=n, thanks_count=1)
    PostRevision.objects.bulk_create(
        PostRevision(post=w.post, body=f"Draft {i}", author=member, created_at=p.now)
        for i in range(n)
    )
    Post.objects.filter(pk=w.post.pk).update(edited_at=p.now)
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
        BoardFollow(user=member, board=b, level="watching") for b in p.boards
    )


def build_notifications(w: World, p: Parts) -> None:
    """Maria's notifications: n of each kind, each with its e-mail."""
    n, member, others = w.size, w.member, w.others
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=member,
            kind=kind,
            actor=others[i],
            post=None if kind in {"session", "resource", "message"} else p.posts[i],
            session=p.sessions[i] if kind == "session" else None,
            resource=p.resources[i] if kind == "resource" else None,
            message=w.message if kind == "message" else None,
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


def build_moderation(w: World, p: Parts) -> None:
    """Flags, suspensions and the moderation log, n of each."""
    n, others, posts = w.size, w.others, p.posts
    Flag.objects.bulk_create(
        Flag(post=posts[i], reporter=others[i], reason="Off topic") for i in range(n)
    )
    Flag.objects.bulk_create(  # and n resolved, each way
        Flag(
            post=posts[i],
            reporter=w.member,
            reason="Off topic",
            resolved_at=p.now,
            resolved_by=w.superuser,
            resolution=list(Resolution)[i % len(Resolution)],
        )
        for i in range(n)
    )
    Suspension.objects.bulk_create(
        Suspension(
            user=others[i],
            until=p.now + datetime.timedelta(days=i + 1),
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
            thread=w.thread,
            member=others[i],
            reason="Off topic",
        )
        for i in range(n)
    )
    # What the system records of its own: facts, said in the reader's language.
    facts = [
        ("move", {"from_board": w.board.name, "to_board": w.cohort.board.name}),
        ("auto_hide", {"report_weight": 3.5}),
        ("restore", {"reports_dismissed": True}),
        ("resolve_flag", {"resolution": "dismissed"}),
        ("resolve_flag", {"message": w.message.pk, "resolution": "reviewed"}),
    ]
    ModerationLog.objects.bulk_create(
        ModerationLog(
            moderator=w.superuser,
            action=action,
            post=posts[0],
            thread=w.thread,
            details=details,
        )
        for action, details in facts
    )


def build_tasks_and_groups(w: World, p: Parts) -> None:
    """The digest's schedule, n queued tasks, n groups of everyone but maria."""
    n = w.size
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
    p.groups = groups = [Group.objects.create(name=f"Team {n} {i}") for i in range(n)]
    for group in groups:
        group.permissions.set(permissions)
        group.user_set.set(w.others)


def build_second_factors(w: World) -> None:
    """Her second factors: an authenticator app, recovery codes, n security keys."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    n, member = w.size, w.member
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


def build_admin_objects(w: World, p: Parts) -> None:
    """The object each admin's change, delete and history pages show, with n
    entries of history each."""
    member = w.member
    w.admin_objects = {
        "auth.group": p.groups[0],
        "account.emailaddress": EmailAddress.objects.get(user=member, primary=True),
        "taggit.tag": p.tags[0],
        "django_tasks_database.dbtaskresult": DBTaskResult.objects.first(),
        "resources.organization": p.orgs[0],
        "resources.resource": w.resource,
        "resources.collection": w.collection,
        "cohorts.program": p.program,
        "cohorts.cohort": w.cohort,
        "cohorts.city": p.cities[0].city,
        "cohorts.participatingcity": p.cities[0],
        "cohorts.cohortmembership": w.membership,
        "cohorts.session": w.session,
        "cohorts.actionplanitem": ActionPlanItem.objects.first(),
        "community.profile": member.profile,
        "community.board": w.board,
        "community.thread": w.thread,
        "community.post": w.post,
        "community.flag": Flag.objects.first(),
        "community.messagereport": MessageReport.objects.first(),
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
            change_message=change_message(obj, i),
        )
        for obj in w.admin_objects.values()
        for i in range(w.size)
    )


def change_message(obj, i: int) -> str:
    """As the admin writes one: the i-th change of one of the object's fields,
    named by its form label in English (the history page translates it)."""
    fields = [f for f in obj._meta.concrete_fields if f.editable and not f.primary_key]
    with translation.override(None):
        name = str(capfirst(fields[i % len(fields)].verbose_name))
    return json.dumps([{"changed": {"fields": [name]}}])
