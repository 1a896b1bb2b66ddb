"""A member's notifications: the list, opening one, marking all read."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from community.models import Notification
from community.notifications.services import (
    notification_open,
    notifications_mark_all_read,
)
from core.pagination import ForgivingPaginationMixin


class NotificationListView(LoginRequiredMixin, ForgivingPaginationMixin, ListView):
    template_name = "community/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        # What each one's sentence names (Notification.text), in the same query.
        return Notification.objects.filter(recipient=self.request.user).select_related(
            "actor__profile",
            "post__thread__board",
            "session__cohort",
            "resource",
            "message__conversation",
        )


class NotificationOpenView(LoginRequiredMixin, View):
    def get(self, request, pk):
        # What its address is made from (get_absolute_url), in the same query.
        about = ("post", "session__cohort__program", "resource", "message")
        notification = get_object_or_404(
            Notification.objects.filter(recipient=request.user).select_related(*about),
            pk=pk,
        )
        return redirect(notification_open(notification=notification))


class NotificationsReadView(LoginRequiredMixin, View):
    def post(self, request):
        notifications_mark_all_read(user=request.user)
        return redirect(reverse("community:notification_list"))
