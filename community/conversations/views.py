"""Private conversations' pages: the inbox, a conversation with its reply form,
starting one, leaving, blocking, reporting a message. Every page is the
member's own: never kept, by the page cache or anyone on the way."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from community.conversations import moderation, selectors, services
from community.conversations.forms import ConversationForm, MessageForm, ReportForm
from community.discussions import ratelimits
from community.discussions.permissions import standing
from community.models import Conversation, Message
from core.pagination import ForgivingPaginationMixin
from core.people import active_users

SENT = _("Your message is sent.")
LEFT = _("You left the conversation. It is no longer in your messages.")
BLOCKED = _(
    "You blocked @%(handle)s: neither of you can message the other. You can "
    "unblock them in your settings."
)
UNBLOCKED = _("You unblocked @%(handle)s.")
REPORTED = _("Thank you. A moderator will look at this message.")
MESSAGES_PER_PAGE = 50

private = method_decorator(never_cache, name="dispatch")


@private
class ConversationListView(LoginRequiredMixin, ForgivingPaginationMixin, ListView):
    template_name = "community/conversations/conversation_list.html"
    context_object_name = "conversations"
    paginate_by = 30

    def get_queryset(self):
        return selectors.inbox(self.request.user)


@private
class ConversationCreateView(LoginRequiredMixin, View):
    template_name = "community/conversations/conversation_form.html"

    def get(self, request):
        to = request.GET.get("to", "")
        initial = {"recipients": f"@{to}"} if to else {}
        form = ConversationForm(initial=initial)
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = ConversationForm(request.POST)
        context = {"form": form}
        if not form.is_valid():
            return render(request, self.template_name, context)
        verdict = ratelimits.check(request.user, "conversation")
        if not verdict.allowed:
            return ratelimits.too_many(
                request, "conversation", verdict, self.template_name, context
            )
        try:
            conversation = services.conversation_start(
                author=request.user,
                recipients=form.cleaned_data["recipients"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except (ValidationError, PermissionDenied) as error:
            _form_error(form, error)
            return render(request, self.template_name, context)
        messages.success(request, SENT)
        return redirect(conversation.get_absolute_url())


def _form_error(form, error) -> None:
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error))
    elif hasattr(error, "error_dict"):
        form.add_error(None, [m for ms in error.message_dict.values() for m in ms])
    else:
        form.add_error(None, error.messages)


@private
class ConversationDetailView(LoginRequiredMixin, View):
    """GET: the messages, the reply form, leave and block. POST: a reply, which
    shows the page again with what was written when it is refused."""

    template_name = "community/conversations/conversation_detail.html"

    def get(self, request, pk):
        return self.show(request, pk, MessageForm())

    def post(self, request, pk):
        conversation = self.conversation(request, pk)
        if services.participation(conversation, request.user) is None:
            raise PermissionDenied(services.NOT_A_PARTICIPANT)
        form = MessageForm(request.POST)
        if not form.is_valid():
            return self.show(request, pk, form)
        verdict = ratelimits.check(request.user, "message")
        if not verdict.allowed:
            context = self.context(request, conversation, form)
            return ratelimits.too_many(
                request, "message", verdict, self.template_name, context
            )
        try:
            message = services.message_send(
                conversation=conversation,
                author=request.user,
                body=form.cleaned_data["body"],
            )
        except (ValidationError, PermissionDenied) as error:
            _form_error(form, error)
            return self.show(request, pk, form)
        messages.success(request, SENT)
        return redirect(message.get_absolute_url())

    def conversation(self, request, pk) -> Conversation:
        conversation = selectors.conversation_for(request.user, pk)
        if conversation is None:
            raise Http404
        return conversation

    def show(self, request, pk, form):
        conversation = self.conversation(request, pk)
        context = self.context(request, conversation, form)
        page = context["page_obj"]
        last_page = page.number == page.paginator.num_pages
        if context["me"] is not None and last_page and page.object_list:
            newest = page.object_list[-1]
            services.conversation_read(
                conversation=conversation, member=request.user, up_to=newest
            )
            # The header's count, loaded with the member, no longer holds this one.
            count = getattr(request.user, "unread_conversation_count", 0)
            if newest.pk > context["read_before"] and count:
                request.user.unread_conversation_count = count - 1
        return render(request, self.template_name, context)

    def context(self, request, conversation, form) -> dict:
        people = list(conversation.participants.all())
        me = next(
            (p for p in people if p.member_id == request.user.pk and not p.left_at),
            None,
        )
        others = [p.member for p in people if p.member_id != request.user.pk]
        paginator = Paginator(selectors.messages_of(conversation), MESSAGES_PER_PAGE)
        page = paginator.get_page(request.GET.get("page") or paginator.num_pages)
        page.object_list = list(page.object_list)
        return {
            "conversation": conversation,
            "participants": people,
            "others": [p for p in people if p.member_id != request.user.pk],
            "me": me,
            "read_before": me.last_read_id or 0 if me else None,
            "blocked": selectors.blocked_ids(request.user, others) if me else set(),
            "can_write": me is not None and standing(request.user).can_write,
            "why_not": standing(request.user).why_not,
            "page_obj": page,
            "form": form,
        }


@private
class ConversationLeaveView(LoginRequiredMixin, View):
    def post(self, request, pk):
        conversation = get_object_or_404(
            Conversation.objects.of_participant(request.user), pk=pk
        )
        services.conversation_leave(conversation=conversation, member=request.user)
        messages.success(request, LEFT)
        return redirect("community:conversation_list")


@private
class BlockView(LoginRequiredMixin, View):
    """Block (block=1) or unblock (block=0) a member, from their profile, a
    conversation or the settings; back to where it was asked."""

    def post(self, request, username):
        other = get_object_or_404(active_users(), username=username)
        block = request.POST.get("block") != "0"
        try:
            services.block_set(blocker=request.user, blocked=other, block=block)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            said = BLOCKED if block else UNBLOCKED
            messages.success(request, said % {"handle": other.get_username()})
        back = request.POST.get("next", "")
        if back.startswith("/") and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}
        ):
            return HttpResponseRedirect(back)
        return redirect(f"{reverse('community:settings')}#blocked")


@private
class MessageReportView(LoginRequiredMixin, View):
    template_name = "community/conversations/message_report.html"

    def message(self, request, pk) -> Message:
        return get_object_or_404(
            Message.objects.filter(
                conversation__in=Conversation.objects.of_participant(request.user)
            )
            .exclude(author=request.user)
            .select_related("author"),
            pk=pk,
        )

    def get(self, request, pk):
        message = self.message(request, pk)
        context = {"form": ReportForm(), "message": message}
        return render(request, self.template_name, context)

    def post(self, request, pk):
        message = self.message(request, pk)
        form = ReportForm(request.POST)
        context = {"form": form, "message": message}
        if not form.is_valid():
            return render(request, self.template_name, context)
        verdict = ratelimits.check(request.user, "flag")
        if not verdict.allowed:
            return ratelimits.too_many(
                request, "flag", verdict, self.template_name, context
            )
        try:
            moderation.message_report_create(
                message=message,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
            )
        except (ValidationError, PermissionDenied) as error:
            messages.info(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, REPORTED)
        return redirect(message.get_absolute_url())
