from django.urls import path

from community.conversations import views as conversation_views
from community.discussions.feeds import BoardFeed, ThreadFeed
from community.discussions.views import (
    answers,
    attachments,
    boards,
    live,
    posts,
    threads,
)
from community.members import unsubscribe, views
from community.notifications import views as notification_views
from core.page_cache import cached_page

app_name = "community"

urlpatterns = [
    path(
        "",
        cached_page("boards", "discussions", "people")(boards.BoardListView.as_view()),
        name="board_list",
    ),
    path(
        "members/",
        cached_page("people")(views.CommunityIndexView.as_view()),
        name="member_list",
    ),
    path(
        "members/<str:username>/",
        cached_page("people", "discussions")(views.ProfileDetailView.as_view()),
        name="profile_detail",
    ),
    path(
        "members/<str:username>/edit/",
        views.ProfileEditView.as_view(),
        name="profile_edit",
    ),
    path("new/", boards.ThreadCreateView.as_view(), name="thread_create"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path(
        "settings/topics/",
        views.TopicFollowView.as_view(),
        name="topic_follow",
    ),
    path("settings/export/", views.ExportView.as_view(), name="export"),
    path(
        "settings/close-account/",
        views.AccountDeleteView.as_view(),
        name="account_delete",
    ),
    path(
        "unsubscribe/<str:token>/",
        unsubscribe.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path(
        "notifications/",
        notification_views.NotificationListView.as_view(),
        name="notification_list",
    ),
    path("notifications/live/", live.notification_count, name="notification_count"),
    path(
        "notifications/read/",
        notification_views.NotificationsReadView.as_view(),
        name="notifications_read",
    ),
    path(
        "notifications/<int:pk>/",
        notification_views.NotificationOpenView.as_view(),
        name="notification_open",
    ),
    # Private conversations: a member's own pages, never kept (no cached_page).
    path(
        "messages/",
        conversation_views.ConversationListView.as_view(),
        name="conversation_list",
    ),
    path(
        "messages/new/",
        conversation_views.ConversationCreateView.as_view(),
        name="conversation_create",
    ),
    path(
        "messages/<int:pk>/",
        conversation_views.ConversationDetailView.as_view(),
        name="conversation_detail",
    ),
    path(
        "messages/<int:pk>/leave/",
        conversation_views.ConversationLeaveView.as_view(),
        name="conversation_leave",
    ),
    path(
        "messages/m/<int:pk>/report/",
        conversation_views.MessageReportView.as_view(),
        name="message_report",
    ),
    path(
        "messages/block/<str:username>/",
        conversation_views.BlockView.as_view(),
        name="member_block",
    ),
    path("t/<int:pk>/", threads.ThreadDetailView.as_view(), name="thread_short"),
    path(
        "t/<int:pk>-<slug:slug>/",
        cached_page("thread:{pk}", "boards", "people", "library", "topics")(
            threads.ThreadDetailView.as_view()
        ),
        name="thread_detail",
    ),
    # t/<int:pk>/<str:action>/ never takes it: "5-bus-lanes" is no int
    # (tests/community/test_feeds.py resolves each neighbour).
    path(
        "t/<int:pk>-<slug:slug>/feed/",
        cached_page("thread:{pk}", "boards", "people")(ThreadFeed()),
        name="thread_feed",
    ),
    path("t/<int:pk>/reply/", posts.ReplyCreateView.as_view(), name="post_create"),
    path("t/<int:pk>/live/", live.thread_news, name="thread_news"),
    path("t/<int:pk>/follow/", threads.FollowView.as_view(), name="thread_follow"),
    path(
        "t/<int:pk>/answer/clear/",
        answers.AnswerClearView.as_view(),
        name="thread_answer_clear",
    ),
    path(
        "t/<int:pk>/<str:action>/",
        threads.ModerateThreadView.as_view(),
        name="thread_moderate",
    ),
    path("p/<int:pk>/", posts.PostPermalinkView.as_view(), name="post_permalink"),
    path("p/<int:pk>/edit/", posts.PostEditView.as_view(), name="post_edit"),
    path("p/<int:pk>/delete/", posts.PostDeleteView.as_view(), name="post_delete"),
    path(
        "p/<int:pk>/history/",
        posts.PostHistoryView.as_view(),
        name="post_history",
    ),
    path("p/<int:pk>/react/", posts.ReactionView.as_view(), name="post_react"),
    path("p/<int:pk>/answer/", answers.AnswerMarkView.as_view(), name="post_answer"),
    path(
        "attachments/<int:pk>/<str:name>",
        attachments.attachment,
        name="attachment",
    ),
    path("p/<int:pk>/flag/", posts.FlagView.as_view(), name="post_flag"),
    path(
        "p/<int:pk>/moderate/<str:action>/",
        posts.ModeratePostView.as_view(),
        name="post_moderate",
    ),
    path("<slug:slug>/live/", live.board_news, name="board_news"),
    path(
        "<slug:slug>/",
        cached_page("board:{slug}", "boards", "people", "topics")(
            boards.BoardDetailView.as_view()
        ),
        name="board_detail",
    ),
    path(
        "<slug:slug>/feed/",
        cached_page("board:{slug}", "boards", "people")(BoardFeed()),
        name="board_feed",
    ),
    path("<slug:slug>/follow/", threads.FollowView.as_view(), name="board_follow"),
    path(
        "<slug:slug>/new/",
        boards.ThreadCreateView.as_view(),
        name="board_thread_create",
    ),
]
