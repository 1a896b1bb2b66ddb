"""A member's notifications: the list, opening one, marking all read."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from community.models import (
    Notification,
)
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
        return Notification.objects.filter(recipient=self.request.user).select_related(
            "actor__profile"
        )


class NotificationOpenView(LoginRequiredMixin, View):
    def get(self, request, pk):
        notification = get_object_or_404(
            Notification.objects.filter(recipient=request.user), pk=pk
        )
        return redirect(notification_open(notification=notification))


class NotificationsReadView(LoginRequiredMixin, View):
    def post(self, request):
        notifications_mark_all_read(user=request.user)
        return redirect(reverse("community:notification_list"))
