"""Writes of the resource library."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core import versions
from core.markdown import render_markdown
from resources.filetext import file_text_follow
from resources.models import Bookmark, Resource
from resources.validators import RESERVED_SLUGS
from resources.versions import LIBRARY

SUGGESTION_THANKS = _(
    "Thank you! Curators will review your suggestion before it appears in the library."
)


def unique_slug(model, text: str, *, max_length: int = 120, exclude_pk=None) -> str:
    base = slugify(text)[: max_length - 8].strip("-") or "item"
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    taken |= RESERVED_SLUGS
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# Written by the worker and the database, never by a curator's save: a save of a
# resource loaded before the worker read its file must not undo that reading.
NOT_EDITED = {
    "search_vector",
    "search_vector_es",
    "file_text",
    "file_text_note",
    "file_text_pages",
    "file_text_read_at",
    "file_text_of",
    "file_text_vector",
}
EDITED = [
    f.name
    for f in Resource._meta.concrete_fields
    if not f.primary_key and f.name not in NOT_EDITED
]


def resource_save(*, resource: Resource, user: AbstractBaseUser | None) -> Resource:
    """Validate and save a resource as curators edit it (admin or import). A new,
    replaced or removed file has its text read again by the worker
    (resources/filetext.py)."""
    if not resource.slug:
        resource.slug = unique_slug(Resource, resource.title, exclude_pk=resource.pk)
    resource.description_html = render_markdown(resource.description)
    if resource.state == Resource.State.PUBLISHED and not resource.published_at:
        resource.published_at = timezone.now()
    if user is not None and user.is_authenticated:
        resource.updated_by = user
        if resource._state.adding:
            resource.created_by = user
    resource.full_clean(exclude=["tags", "related", *NOT_EDITED])
    with transaction.atomic():
        if resource._state.adding:
            resource.save()
        else:
            resource.save(update_fields=EDITED)
        file_text_follow(resource)
    return resource


def resource_set_state(
    *, resources: QuerySet, state: str, user: AbstractBaseUser | None
) -> int:
    """Move many resources to a state at once (the admin's bulk actions)."""
    now = timezone.now()
    with transaction.atomic():
        changed = resources.exclude(state=state).update(
            state=state, updated_by=user, updated_at=now
        )
        if state == Resource.State.PUBLISHED:
            resources.filter(published_at=None).update(published_at=now)
        versions.changed(LIBRARY)
    return changed


def resource_set_featured(
    *, resources: QuerySet, featured: bool, user: AbstractBaseUser | None
) -> int:
    with transaction.atomic():
        versions.changed(LIBRARY)
        return resources.update(
            featured=featured, updated_by=user, updated_at=timezone.now()
        )


@transaction.atomic
def resource_suggest(
    *, member: AbstractBaseUser, title: str, url: str, reason: str
) -> Resource:
    """A member's suggestion waits, unpublished, in the curators' queue."""
    resource = Resource(
        title=title.strip(),
        url=url.strip(),
        summary=reason.strip()[:800],
        kind=Resource.Kind.ARTICLE,
        state=Resource.State.SUGGESTED,
        suggested_by=member,
        editorial_notes=f"Suggested by @{member.get_username()}: {reason.strip()}",
    )
    return resource_save(resource=resource, user=member)


def bookmark_toggle(*, user: AbstractBaseUser, resource: Resource) -> bool:
    """Save the resource for the member, or un-save it; return whether it is saved."""
    deleted, _ = Bookmark.objects.filter(user=user, resource=resource).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Bookmark.objects.create(user=user, resource=resource)
    except IntegrityError:
        pass  # A double click saved it already.
    return True
