"""A topic's page: the library's resources and the discussions on one topic
together. A topic is a tag, which resources and threads share (by its slug)."""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.views.generic import ListView
from taggit.models import Tag

from community.discussions.views.boards import THREADS_PER_PAGE
from community.discussions.views.thread_rows import thread_rows_html
from community.models import TaggedThread, Thread, TopicFollow
from core.pagination import ForgivingPaginationMixin
from resources.filters import DATE_ORDER
from resources.models import Resource, TaggedResource

RESOURCES_SHOWN = 6


def _topic(user, slug: str) -> Tag:
    """The topic, with whether the member follows it (followed), or 404."""
    topics = Tag.objects.all()
    if user.is_authenticated:
        mine = TopicFollow.objects.filter(user=user, tag=OuterRef("pk"))
        topics = topics.annotate(followed=Exists(mine))
    return get_object_or_404(topics, slug=slug)


class TopicDetailView(ForgivingPaginationMixin, ListView):
    """Its newest published resources (the library's list has them all) and
    the threads on it the viewer may read, by latest activity, a page at a time.
    A topic that exists answers 200 whatever this viewer may see of it."""

    template_name = "topic_detail.html"
    context_object_name = "threads"
    paginate_by = THREADS_PER_PAGE

    def get_queryset(self):
        self.topic = _topic(self.request.user, self.kwargs["slug"])
        # The tag's id written out, as the library's topic filter does: the
        # planner then knows how common the topic is.
        on_topic = TaggedThread.objects.filter(tag=self.topic.pk)
        return (
            Thread.objects.visible_to(self.request.user)
            .filter(pk__in=on_topic.values("content_object"))
            .for_listing()
            .order_by("-last_activity_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        threads = list(context["threads"])
        context["threads"] = context["object_list"] = threads
        context["page_obj"].object_list = threads
        context["threads_html"] = thread_rows_html(
            self.request.user, threads, boards=True
        )
        tagged = TaggedResource.objects.filter(tag=self.topic.pk)
        context["resources"] = (
            Resource.objects.published()
            .filter(pk__in=tagged.values("content_object"))
            .select_related("organization")
            .order_by(*DATE_ORDER)[:RESOURCES_SHOWN]
        )
        context["topic"] = self.topic
        return context
