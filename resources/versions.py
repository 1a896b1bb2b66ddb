"""What of the library pages show, and which kept copies it moves (core.versions)."""

from taggit.models import Tag, TaggedItem

from core import versions
from resources.facets import facet_cells_soon
from resources.models import (
    Bookmark,
    Collection,
    CollectionItem,
    FacetCell,
    FilePage,
    Organization,
    Resource,
    TaggedResource,
)

LIBRARY = "library"
TOPICS = "topics"
FACETS = "facets"  # the facet cells, counted again by the worker after a change


def register() -> None:
    # The link checker's results show in the admin only.
    versions.shown(
        Resource, [LIBRARY], ignore=("link_status", "link_error", "link_checked_at")
    )
    for model in (Organization, Collection, CollectionItem, TaggedResource):
        versions.shown(model, [LIBRARY])
    versions.shown(Tag, [TOPICS])
    versions.not_shown(
        TaggedItem, "taggit's own items: ours are TaggedResource, TaggedThread"
    )
    versions.not_shown(Bookmark, "a member's saved resources: their own pages only")
    versions.not_shown(FacetCell, "counted from Resource and TaggedResource")
    versions.not_shown(
        FilePage,
        "read from a resource's file by the worker, which moves the library's "
        "version itself when it stores them (resources/filetext.py)",
    )
    for scope in (LIBRARY, TOPICS):
        # The facet cells are counted again by the worker after each change.
        versions.after_move(scope, facet_cells_soon)
    versions.moved_by_code(FACETS, "resources.facets.facet_cells_refresh")
