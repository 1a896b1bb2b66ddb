from django.contrib.sitemaps import Sitemap

from resources.models import Collection, Resource


class ResourceSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Resource.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class CollectionSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Collection.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at
