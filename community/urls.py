from django.urls import path

from community import views, views_account, views_board
from core.page_cache import cached_page

app_name = "community"

urlpatterns = [
    path(
        "",
        cached_page("boards", "discussions", "people")(
            views_board.BoardListView.as_view()
        ),
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
    path("new/", views_board.ThreadCreateView.as_view(), name="thread_create"),
    path("settings/", views_account.SettingsView.as_view(), name="settings"),
    path(
        "settings/topics/",
        views_account.TopicFollowView.as_view(),
        name="topic_follow",
    ),
    path("settings/export/", views_account.ExportView.as_view(), name="export"),
    path(
        "settings/close-account/",
        views_account.AccountDeleteView.as_view(),
        name="account_delete",
    ),
    path(
        "unsubscribe/<str:token>/",
        views_account.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path(
        "notifications/",
        views_board.NotificationListView.as_view(),
        name="notification_list",
    ),
    path(
        "notifications/read/",
        views_board.NotificationsReadView.as_view(),
        name="notifications_read",
    ),
    path(
        "notifications/<int:pk>/",
        views_board.NotificationOpenView.as_view(),
        name="notification_open",
    ),
    path("t/<int:pk>/", views_board.ThreadDetailView.as_view(), name="thread_short"),
    path(
        "t/<int:pk>-<slug:slug>/",
        cached_page("thread:{pk}", "boards", "people", "library", "topics")(
            views_board.ThreadDetailView.as_view()
        ),
        name="thread_detail",
    ),
    path(
        "t/<int:pk>/reply/", views_board.ReplyCreateView.as_view(), name="post_create"
    ),
    path("t/<int:pk>/follow/", views_board.FollowView.as_view(), name="thread_follow"),
    path(
        "t/<int:pk>/<str:action>/",
        views_board.ModerateThreadView.as_view(),
        name="thread_moderate",
    ),
    path("p/<int:pk>/", views_board.PostPermalinkView.as_view(), name="post_permalink"),
    path("p/<int:pk>/edit/", views_board.PostEditView.as_view(), name="post_edit"),
    path(
        "p/<int:pk>/delete/", views_board.PostDeleteView.as_view(), name="post_delete"
    ),
    path(
        "p/<int:pk>/history/",
        views_board.PostHistoryView.as_view(),
        name="post_history",
    ),
    path("p/<int:pk>/react/", views_board.ReactionView.as_view(), name="post_react"),
    path("p/<int:pk>/flag/", views_board.FlagView.as_view(), name="post_flag"),
    path(
        "p/<int:pk>/moderate/<str:action>/",
        views_board.ModeratePostView.as_view(),
        name="post_moderate",
    ),
    path(
        "<slug:slug>/",
        cached_page("board:{slug}", "boards", "people", "topics")(
            views_board.BoardDetailView.as_view()
        ),
        name="board_detail",
    ),
    path("<slug:slug>/follow/", views_board.FollowView.as_view(), name="board_follow"),
    path(
        "<slug:slug>/new/",
        views_board.ThreadCreateView.as_view(),
        name="board_thread_create",
    ),
]
