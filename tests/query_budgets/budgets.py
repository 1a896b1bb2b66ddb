"""The query budgets of the URL patterns, and the patterns left out with the reason."""

# --- Budgets -----------------------------------------------------------------------
# The most queries a GET of the pattern may run, as the viewer REQUESTS names (a
# member of a cohort unless it says otherwise). A signed-in page pays 3 for the
# layout: the session's user, the header's display name and unread-notice count.
BUDGETS = {
    # Members' pages are never kept whole (core/page_cache.py): nothing to add.
    "home": 8,  # featured resources and collections, threads, cohorts, sessions
    # cold cache, beside the layout's 3: topics (3: the library's versions, the
    # facet cells counted again, the topics), versions, boards, 2 each for
    # resources and discussions (the keys of the newest 1,001 matches, the
    # page), handles, cohorts, sessions, members; the posts' matches planned as
    # read from memory and the connection's price of a page put back (2,
    # core/plans.py)
    "search": 18,
    # the topic with her follow, the threads' count and page, what she read of
    # them and what came after, the resources
    "topic_detail": 7,
    "help": 1,  # the layout only: the same page for everyone
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
    # her conversations, newest first (count, page), their members
    "community:conversation_list": 4,
    "community:conversation_create": 1,
    # the conversation, its members, her blocks, the messages (count, page), her
    # read mark and the notifications of what she read, set read
    "community:conversation_detail": 8,
    "community:message_report": 2,
    "community:thread_short": 2,
    # what is new, read with the thread's or board's version (static/js/live.js)
    "community:thread_news": 2,
    "community:board_news": 2,
    "community:notification_count": 1,  # read with the member's own row
    "community:attachment": 2,  # the session's member; the file if its post is readable
    # The member's first visit: the page of posts, her reactions, her standing
    # (suspension, verified address), her watch level, topics, shared resources,
    # and her read state saved (get_or_create: 5 with its savepoint).
    "community:thread_detail": 19,
    "community:post_permalink": 3,
    "community:post_edit": 4,
    "community:post_history": 5,
    "community:post_flag": 4,
    # the user, the board with its count and her watch level, the page's
    # threads, what she read of them and what came after
    "community:board_detail": 5,
    "community:board_thread_create": 8,
    # As a guest (a feed reader): the versions its kept copy is under, the board
    # (the thread), its 30 threads with their opening posts (its 50 posts).
    "community:board_feed": 3,
    "community:thread_feed": 3,
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
    # the resource with its topics, collections and whether she saved it; its
    # related resources; the discussions about it
    "resources:resource_detail": 4,
    "resources:resource_download": 1,
    # cohorts
    "cohorts:program_list": 6,
    "cohorts:program_detail": 8,  # + the totals of the cities shown (2)
    # the workspace: cities, sessions, roster, plans with items, the cohort board,
    # the program's milestones and the cities' reached ones
    "cohorts:cohort_detail": 13,
    # the cohort, her membership, the session, its materials, the answers'
    # counts and who is coming
    "cohorts:session_detail": 7,
    "cohorts:cohort_calendar": 2,
    "cohorts:cohort_calendar_private": 4,
    # the cohort, her membership, the program's milestones, the cities' reached
    # ones, the cities with their numbers (subqueries)
    "cohorts:cohort_dashboard": 6,
    "cohorts:cohort_dashboard_csv": 6,
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
    "topic_detail": 5,
    "community:board_list": 2,
    "community:thread_detail": 6,
    "community:board_detail": 3,
    "resources:resource_list": 11,  # + the facet cells counted again
    "resources:resource_detail": 4,
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
    # change: its milestones inline; delete: cohorts and what they hold
    "cohorts.program": (5, 3, 10, 8, 6),
    # change: three inlines; delete: cities, members, sessions and what they hold
    # (milestones, answers and attendance)
    "cohorts.cohort": (6, 7, 13, 20, 6),
    "cohorts.city": (5, 3, 4, 4, 6),
    "cohorts.participatingcity": (6, 3, 8, 12, 6),
    "cohorts.cohortmembership": (6, 3, 12, 6, 9),
    "cohorts.session": (8, 3, 9, 8, 6),  # change: + its answers inline
    "cohorts.actionplanitem": (6, 3, 6, 3, 6),
    "cohorts.milestonekind": (6, 3, 5, 4, 6),
    "cohorts.milestone": (8, 3, 6, 3, 6),  # list: by program, by date
    "community.profile": (5, 3, 5, 3, 6),
    "community.board": (5, 4, 5, 5, 6),
    "community.thread": (6, 3, 10, 16, 6),  # delete: posts, reactions, quotes, files...
    "community.post": (6, 3, 9, 12, 7),  # delete: quotes both ways, files
    "community.flag": (5, 3, 7, 4, 7),
    "community.messagereport": (5, 3, 7, 4, 7),
    "community.suspension": (5, 3, 7, 4, 7),
    "community.moderationlog": (5, 3, 9, 4, 6),
    "community.outgoingemail": (7, 3, 6, 3, 6),
    "community.digestschedule": (2, 4, 5, 4, 6),
    "auth.user": (6, 3, 8, 29, 6),  # delete: one query per table a member is in
    "mfa.authenticator": (5, 3, 5, 3, 6),
}
# A model's old change URL (<object_id>/) only redirects to the new one.
ADMIN_REDIRECT_BUDGET = 1
# Admin pages whose normal answer is not 200.
ADMIN_STATUS = {
    "admin:django_tasks_database_dbtaskresult_add": 403,  # task results are read-only
    "admin:django_tasks_database_dbtaskresult_delete": 403,
    "admin:community_flag_add": 403,  # members raise flags, not staff
    "admin:community_messagereport_add": 403,  # members report, not staff
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
    "language_set": "chooses the language of the pages (the footer's switcher)",
    "community:export": "builds the member's data archive",
    "community:notifications_read": "marks every notification read",
    "community:post_create": "posts a reply",
    "community:thread_follow": "sets a watching level",
    "community:thread_moderate": "locks or pins a thread",
    "community:post_delete": "deletes a post",
    "community:post_react": "toggles a reaction",
    "community:post_answer": "marks a reply as the question's answer",
    "community:thread_answer_clear": "takes the answer mark back",
    "community:post_moderate": "hides or restores a post",
    "community:board_follow": "sets a watching level",
    "community:conversation_leave": "leaves a conversation",
    "community:member_block": "blocks or unblocks a member",
    "resources:bookmark_toggle": "saves or unsaves a resource",
    "cohorts:cohort_calendar_reset": "gives the member a new calendar address",
    "cohorts:action_item_status": "moves a plan item along",
    "cohorts:milestone_record": "records a city's milestone",
    "cohorts:milestone_remove": "takes a city's milestone back",
    "cohorts:session_respond": "answers a session: going, maybe, not going",
    "cohorts:attendance_record": "records who attended a session",
    "admin:logout": "signs the staff member out",
}
# Patterns not requested at all. They may be absent: the media files are mounted
# only under DEBUG (config/urls.py); in production the web server serves them.
EXCLUDED = {
    "^media/(?P<path>.*)$": "uploaded files from disk, under DEBUG only",
    "mfa_reauthenticate_webauthn": "asks the browser's security key: needs a real "
    "key's credential, which no test world can forge",
}


def _admin_budgets() -> dict:
    """The budgets of each ModelAdmin's pages, from ADMIN_BUDGETS."""
    budgets = {}
    for label, numbers in ADMIN_BUDGETS.items():
        app_label, model_name = label.split(".")
        prefix = f"admin:{app_label}_{model_name}"
        for view, budget in zip(ADMIN_VIEWS, numbers, strict=True):
            budgets[f"{prefix}_{view}"] = budget
        name = f"admin/{app_label}/{model_name}/<path:object_id>/"
        budgets[name] = ADMIN_REDIRECT_BUDGET
    return budgets


BUDGETS |= _admin_budgets()
