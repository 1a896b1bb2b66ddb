"""The benchmark's signed-in members and its writer: replies through the real
form and reactions, at a fixed rate, timed."""

import random
import re
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import harness


def pick_members(count: int) -> list:
    """Verified members without a staff role, in cohorts (so they read cohort
    boards too), synthetic first; their password is set to bench/harness.py's."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from cohorts.models import CohortMembership

    members = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            is_staff=False,
            groups=None,
            username__startswith=harness.SYNTHETIC_PREFIX,
            cohort_memberships__role__in=CohortMembership.CITY_ROLES,
            emailaddress__verified=True,
            emailaddress__primary=True,
            date_joined__lt=datetime.now().astimezone() - base_timedelta(days=2),
        )
        .distinct()
        .order_by("pk")[:count]
    )
    if len(members) < count:
        sys.exit(f"Only {len(members)} synthetic members; --members {count} asked.")
    password = make_password(harness.BENCH_PASSWORD)
    get_user_model().objects.filter(pk__in=[m.pk for m in members]).update(
        password=password
    )
    for member in members:  # a session keeps a hash of the password it began with
        member.password = password
    return members


def base_timedelta(**kwargs):
    from datetime import timedelta

    return timedelta(**kwargs)


@dataclass
class Writer:
    """Posts a reply through the form and reacts to a post, --rate times a second,
    each time as the next member."""

    port: int
    rate: float
    cookies: list[str]
    threads: list[tuple[int, list[int]]]  # (thread pk, some post pks)
    reply_path: str = "/community/t/{thread}/reply/"
    react_path: str = "/community/p/{post}/react/"  # "" for no reactions
    body_field: str = "body"
    posted: list[float] = field(default_factory=list)
    reacted: list[float] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def start(self) -> None:
        if self.rate > 0:
            self.thread = threading.Thread(target=self.run, daemon=True)
            self.thread.start()

    def finish(self) -> None:
        """Stops it after the request in flight, if any: a server stopped under
        it would count a reply cut off as a failure."""
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=harness.HTTP_TIMEOUT + 5)

    def run(self) -> None:
        rng = random.Random(7)
        n = 0
        next_at = time.monotonic()
        while not self.stop.is_set():
            cookie = self.cookies[n % len(self.cookies)]
            token = re.search(r"csrftoken=([^;]+)", cookie).group(1)
            thread, posts = rng.choice(self.threads)
            body = f"Benchmark reply {n} at {time.time():.3f}: " + " ".join(
                rng.sample(["bus", "lanes", "budget", "equity", "housing"], 3)
            )
            self._post(
                self.reply_path.format(thread=thread),
                cookie,
                token,
                **{self.body_field: body},
            )
            if self.react_path:
                self._post(
                    self.react_path.format(post=rng.choice(posts)),
                    cookie,
                    token,
                    kind="helpful",
                    into=self.reacted,
                )
            n += 1
            next_at += 1 / self.rate
            self.stop.wait(max(0.0, next_at - time.monotonic()))

    def _post(self, path, cookie, token, into=None, **data):
        started = time.perf_counter()
        try:
            status, headers, body = harness.http_get(
                self.port, path, cookie, {**data, "csrfmiddlewaretoken": token}
            )
        except OSError as error:
            self.failures[type(error).__name__] += 1
            return
        took = (time.perf_counter() - started) * 1000
        if status != 302:
            self.failures[f"{path.split('/')[-2]} {status}"] += 1
            return
        (self.posted if into is None else into).append(took)


def writer_threads(count: int = 500) -> list[tuple[int, list[int]]]:
    from django.contrib.auth.models import AnonymousUser

    from community.models import Board, Post, Thread

    public = Board.objects.visible_to(AnonymousUser())
    picked = list(
        Thread.objects.filter(board__in=public, is_locked=False)
        .order_by("?")
        .values_list("pk", flat=True)[:count]
    )
    posts = defaultdict(list)
    for thread, post in Post.objects.filter(
        thread__in=picked, is_hidden=False, is_deleted=False
    ).values_list("thread_id", "pk"):
        if len(posts[thread]) < 20:
            posts[thread].append(post)
    return [(thread, posts[thread]) for thread in picked if posts[thread]]
