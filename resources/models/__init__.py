from resources.models.collections import (
    Bookmark,
    Collection,
    CollectionItem,
    CollectionQuerySet,
)
from resources.models.files import FilePage
from resources.models.library import (
    FacetCell,
    Organization,
    Resource,
    ResourceQuerySet,
    TaggedResource,
    published,
)

__all__ = [
    "Bookmark",
    "Collection",
    "CollectionItem",
    "CollectionQuerySet",
    "FacetCell",
    "FilePage",
    "Organization",
    "Resource",
    "ResourceQuerySet",
    "TaggedResource",
    "published",
]
