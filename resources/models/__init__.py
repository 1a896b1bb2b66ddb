from resources.models.collections import (
    Bookmark,
    Collection,
    CollectionItem,
    CollectionQuerySet,
)
from resources.models.facet_cells import FacetCell
from resources.models.files import FilePage
from resources.models.library import Resource, ResourceQuerySet, published
from resources.models.organizations import Organization
from resources.models.topics import TaggedResource

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
