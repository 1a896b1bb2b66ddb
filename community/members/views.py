"""A member's pages: the directory, profiles and their editing, the e-mail
settings, data export, closing the account, and the signed unsubscribe links
that work without signing in."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView
from taggit.models import Tag

from community.members import account, export
from community.members.forms import AccountDeleteForm, ProfileForm, TopicFollowForm
from community.members.profiles import (
    avatar_remove,
    avatar_set,
    profile_ensure,
    profile_update,
)
from community.members.selectors import members_matching
from community.models import (
    Block,
    Board,
    BoardFollow,
    Delivery,
    NotificationSettings,
    Post,
    Thread,
    ThreadFollow,
    TopicFollow,
    WatchLevel,
)
from core.pagination import ForgivingPaginationMixin
from core.people import active_users
from core.text import clean_query
from resources.models import published

PROFILE_SAVED = _("Your profile was saved.")


class CommunityIndexView(LoginRequiredMixin, ForgivingPaginationMixin, ListView):
    """The member directory: names, titles and employers, for members only."""

    template_name = "community/member_list.html"
    context_object_name = "members"
    paginate_by = 30

    def get_queryset(self):
        return members_matching(clean_query(self.request.GET.get("q", "")))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = clean_query(self.request.GET.get("q", ""))
        return context


class ProfileDetailView(DetailView):
    template_name = "community/profile_detail.html"
    context_object_name = "member"
    slug_field = "username"
    slug_url_kwarg = "username"

    def get_queryset(self):
        return active_users().select_related("profile")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A visitor who is not signed in sees what the member made public.
        context["show_details"] = (
            self.request.user.is_authenticated or self.object.profile.details_public
        )
        context["recent_posts"] = (
            Post.objects.readable_by(self.request.user)
            .filter(author=self.object)
            .select_related("thread")
            .order_by("-created_at", "-pk")[:10]
        )
        viewer = self.request.user
        # The viewer's own block only: whether the member blocked them is not told.
        context["blocked_by_you"] = (
            viewer.is_authenticated
            and viewer.pk != self.object.pk
            and Block.objects.filter(blocker=viewer, blocked=self.object).exists()
        )
        return context


class ProfileEditView(LoginRequiredMixin, FormView):
    template_name = "community/profile_form.html"
    form_class = ProfileForm

    def dispatch(self, request, *args, **kwargs):
        self.member = get_object_or_404(active_users(), username=kwargs["username"])
        if request.user.is_authenticated and request.user != self.member:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = profile_ensure(user=self.member)
        return kwargs

    def form_valid(self, form):
        profile_update(
            profile=form.instance,
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        )
        if form.cleaned_data.get("photo"):
            avatar_set(profile=form.instance, picture=form.cleaned_data["photo"])
        elif form.cleaned_data.get("remove_photo"):
            avatar_remove(profile=form.instance)
        messages.success(self.request, PROFILE_SAVED)
        return redirect(form.instance.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.member
        return context


SAVED = _("Saved: %(setting)s — %(choice)s.")
TOPIC_FOLLOWED = _("You follow “%(topic)s”: new resources in it reach you.")
TOPIC_UNFOLLOWED = _("You no longer follow “%(topic)s”.")
ACCOUNT_CLOSED = _(
    "Your account is closed. Your posts stay, signed “%(handle)s”. Goodbye, and "
    "thank you."
)


def _topics_with_resources():
    return (
        Tag.objects.filter(published("resources_taggedresource_items__content_object"))
        .distinct()
        .order_by("name")
    )


class SettingsView(LoginRequiredMixin, TemplateView):
    template_name = "community/settings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        choices = NotificationSettings.of(user)
        followed = TopicFollow.objects.filter(user=user).select_related("tag")
        context |= {
            "deliveries": [
                (name, NotificationSettings.label_of(name), getattr(choices, name))
                for name in NotificationSettings.DELIVERY_FIELDS
            ],
            "switches": [
                (name, NotificationSettings.label_of(name), getattr(choices, name))
                for name in NotificationSettings.SWITCH_FIELDS
            ],
            "delivery_choices": Delivery.choices,
            "followed_topics": followed.order_by("tag__name"),
            "topic_form": TopicFollowForm(
                topics=_topics_with_resources().exclude(pk__in=followed.values("tag"))
            ),
            "boards": BoardFollow.objects.filter(
                user=user, board__in=Board.objects.visible_to(user)
            )
            .select_related("board")
            .order_by("board__position", "board__name"),
            "threads": ThreadFollow.objects.filter(
                user=user, thread__in=Thread.objects.visible_to(user)
            )
            .exclude(level=WatchLevel.NORMAL)
            .select_related("thread")
            .order_by("-thread__last_activity_at")[:50],
            "blocks": Block.objects.filter(blocker=user)
            .select_related("blocked__profile")
            .order_by("blocked__username"),
            "export_after": export.export_available_at(user),
            "here": reverse("community:settings"),
        }
        context["second_factor"] = is_mfa_enabled(user)
        return context

    def post(self, request):
        name = request.POST.get("setting", "")
        value = request.POST.get("value", "")
        try:
            choices = account.setting_set(user=request.user, name=name, value=value)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("community:settings")
        if name in NotificationSettings.DELIVERY_FIELDS:
            shown = getattr(choices, f"get_{name}_display")()
        else:
            shown = _("on") if getattr(choices, name) else _("off")
        messages.success(
            request,
            SAVED % {"setting": NotificationSettings.label_of(name), "choice": shown},
        )
        return redirect(f"{reverse('community:settings')}#setting-{name}")


class TopicFollowView(LoginRequiredMixin, View):
    def post(self, request):
        follow = request.POST.get("follow") != "0"
        try:
            tag = account.topic_follow_set(
                user=request.user, tag_slug=request.POST.get("topic", ""), follow=follow
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            message = TOPIC_FOLLOWED if follow else TOPIC_UNFOLLOWED
            messages.success(request, message % {"topic": tag.name})
        # Back to the topic's page when the control was there.
        back = request.POST.get("next", "")
        if back.startswith("/") and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}
        ):
            return HttpResponseRedirect(back)
        return redirect(f"{reverse('community:settings')}#topics")


class ExportView(LoginRequiredMixin, View):
    def post(self, request):
        try:
            archive = export.account_export(user=request.user)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(f"{reverse('community:settings')}#your-data")
        stamp = timezone.localdate().isoformat()
        response = HttpResponse(archive, content_type="application/zip")
        response["Content-Disposition"] = (
            f'attachment; filename="{request.user.get_username()}-data-{stamp}.zip"'
        )
        response["Cache-Control"] = "no-store"
        return response


class AccountDeleteView(LoginRequiredMixin, View):
    template_name = "community/account_delete.html"

    def get(self, request):
        return render(request, self.template_name, {"form": AccountDeleteForm()})

    def post(self, request):
        form = AccountDeleteForm(request.POST)
        if form.is_valid():
            user = request.user
            try:
                account.account_delete(
                    user=user, password=form.cleaned_data["password"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                handle = user.get_username()
                logout(request)
                messages.success(request, ACCOUNT_CLOSED % {"handle": handle})
                return redirect("home")
        return render(request, self.template_name, {"form": form}, status=400)
