from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView

from community.forms import ProfileForm
from community.models import Post
from community.selectors import members_matching
from community.services import profile_ensure, profile_update
from core.pagination import ForgivingPaginationMixin
from core.text import clean_query

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
        return get_user_model().objects.filter(is_active=True).select_related("profile")

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
        return context


class ProfileEditView(LoginRequiredMixin, FormView):
    template_name = "community/profile_form.html"
    form_class = ProfileForm

    def dispatch(self, request, *args, **kwargs):
        self.member = get_object_or_404(
            get_user_model(), username=kwargs["username"], is_active=True
        )
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
        messages.success(self.request, PROFILE_SAVED)
        return redirect(form.instance.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.member
        return context
