"""The library's real content, from the two source documents (part of seed_demo)."""

from django.db import transaction

from resources.models import Collection, CollectionItem, Organization, Resource
from resources.seed.catalogue import AUDIENCE_FIELDS, FOUNDATIONAL, RELATED, RESOURCES
from resources.seed.organizations import ORGANIZATIONS
from resources.seed.spanish import FOUNDATIONAL_ES, RESOURCES_ES
from resources.services import resource_save

P = Resource.DatePrecision


@transaction.atomic
def seed_library() -> int:
    """Create what is missing of the library's real content; return how many resources."""
    orgs = {}
    for data in ORGANIZATIONS:
        orgs[data["slug"]], _ = Organization.objects.get_or_create(
            slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
        )
    created = 0
    resources = {}
    for data in RESOURCES:
        existing = Resource.objects.filter(slug=data["slug"]).first()
        if existing:
            resources[data["slug"]] = existing
            continue
        resource = Resource(
            slug=data["slug"],
            title=data["title"],
            kind=data["kind"],
            summary=data["summary"],
            description=data.get("description", ""),
            url=data.get("url", ""),
            organization=orgs[data["organization"]],
            subject_organization=orgs.get(data.get("subject", "")),
            published_on=data.get("published_on"),
            published_on_precision=data.get("precision", P.DAY),
            editorial_notes=data.get("notes", ""),
            state=Resource.State.PUBLISHED,
            **{AUDIENCE_FIELDS[a]: True for a in data.get("audience", ())},
            **RESOURCES_ES.get(data["slug"], {}),
        )
        resource_save(resource=resource, user=None)
        resource.tags.add(*data["topics"])
        resources[data["slug"]] = resource
        created += 1
    for left, right in RELATED:
        resources[left].related.add(resources[right])
    collection, _ = Collection.objects.get_or_create(
        slug=FOUNDATIONAL["slug"],
        defaults={k: v for k, v in FOUNDATIONAL.items() if k != "slug"}
        | FOUNDATIONAL_ES
        | {"featured": True},
    )
    _spanish_ensure(resources, collection)
    for position, data in enumerate(RESOURCES):
        CollectionItem.objects.get_or_create(
            collection=collection,
            resource=resources[data["slug"]],
            defaults={"position": position},
        )
    featured = ["racial-equity-resolution", "advancing-racial-equity-an-introduction",
                "nlc-real", "gare"]  # fmt: skip
    if created:
        Resource.objects.filter(slug__in=featured).update(featured=True)
    return created


def _spanish_ensure(resources: dict, collection: Collection) -> None:
    """Give the Spanish texts to those that lack them (in a library seeded before
    they existed); never replace a curator's."""
    for slug, texts in RESOURCES_ES.items():
        resource = resources[slug]
        if _fill(resource, texts):
            resource_save(resource=resource, user=None)
    if filled := _fill(collection, FOUNDATIONAL_ES):
        collection.save(update_fields=filled)


def _fill(row, texts: dict) -> list[str]:
    filled = [name for name, text in texts.items() if not getattr(row, name)]
    for name in filled:
        setattr(row, name, texts[name])
    return filled
