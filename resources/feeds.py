from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.translated import shown
from resources.models import Resource


class LatestResourcesFeed(Feed):
    feed_type = Atom1Feed
    link = "/resources/"
    subtitle = _("Resources newly published in the library.")

    def title(self):
        return gettext("%(site)s: new resources") % {"site": settings.SITE_NAME}

    def items(self):
        return (
            Resource.objects.published()
            .select_related("organization")
            .order_by("-published_at", "-pk")[:30]
        )

    def item_title(self, item):
        return shown(item, "title").text

    def item_description(self, item):
        return shown(item, "summary").text

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organization.name if item.organization else None
