from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("", views.CommunityIndexView.as_view(), name="index"),
    path(
        "members/<str:username>/",
        views.ProfileDetailView.as_view(),
        name="profile_detail",
    ),
    path(
        "members/<str:username>/edit/",
        views.ProfileEditView.as_view(),
        name="profile_edit",
    ),
]
