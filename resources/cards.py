"""The library page's cards, rendered by templates/resources/_resource_cards.jinja:
Jinja2, as a board's threads are (core/jinja_env.py), for the Django template's
include ran once per card and cost more than the rest of the page's body. The
card is the one templates/resources/_resource_card.html writes with its topics;
its texts are made here, in the reader's language."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from core.bulk import among, key_array
from core.jinja_env import render_partial
from core.links import linker
from core.prepared import Prepared
from core.translated import (
    ENGLISH,
    SPANISH,
    lang_attribute,
    reading_spanish,
    shown,
)
from resources.filesearch import file_hit, found_in_file
from resources.models import Resource, TaggedResource

# What a card shows, and the file a search found words in.
CARD_FIELDS = ("title", "title_es", "slug", "summary", "summary_es", "kind",
               "published_on", "published_on_precision", "file",
               "organization__name", "organization__short_name")  # fmt: skip


def _cards_query(searched: bool, *, keys: str, q: str = ""):
    """The resources of keys (an array literal) as their cards show them: with
    their organization's row and their topics as rows of slug and name, by name
    (taggit's prefetch built a queryset for every resource it filled, more than
    the rest of the card cost); for a search, where its words are in the file."""
    tagged = TaggedResource.objects.filter(content_object=OuterRef("pk"))
    resources = (
        Resource.objects.filter(among(keys))
        .only(*CARD_FIELDS)
        .select_related("organization")
        .annotate(
            topic_rows=ArraySubquery(
                tagged.order_by("tag__name", "tag__slug").values(
                    row=JSONObject(slug="tag__slug", name="tag__name")
                )
            )
        )
    )
    if searched:
        # A resource found only by its file's words says where in the file.
        resources = resources.annotate(file_hit=file_hit(q))
    return resources


# Built once (core.prepared): building it cost more than running it.
_CARDS = Prepared(_cards_query)


def card_resources(keys: list[int], q: str = "") -> list[Resource]:
    """The resources of keys, in their order, as cards_html() wants them."""
    words = {"q": q} if q else {}
    found = _CARDS.rows(bool(q), keys=key_array(keys), **words)
    rows = {resource.pk: resource for resource in found}
    resources = [rows[key] for key in keys if key in rows]
    for resource in resources:
        resource.found_in_file = found_in_file(resource)
    return resources


def cards_html(resources: list[Resource]) -> SafeString:
    """The resources' cards, from card_resources(). What is the same for every
    card (the language, the kinds' labels, a resource's URL reversed once:
    core.links) is looked up once: per card, those lookups cost more than the
    card's HTML."""
    kinds = {kind: str(label) for kind, label in Resource.Kind.choices}
    spanish = reading_spanish()
    lang = {ENGLISH: lang_attribute(ENGLISH), SPANISH: lang_attribute(SPANISH)}
    url = linker("resources:resource_detail")
    cards = []
    for resource in resources:
        title = shown(resource, "title", spanish)
        summary = shown(resource, "summary", spanish)
        published_on = resource.published_on
        cards.append(
            {
                "kind": kinds[resource.kind],
                "url": url(resource.slug),
                "title": title.text,
                "title_lang": lang[title.lang],
                "organization": resource.organization.label
                if resource.organization
                else "",
                "published_on": published_on.isoformat() if published_on else "",
                "date_label": resource.date_label,
                "summary": summary.text,
                "summary_lang": lang[summary.lang],
                "found_in_file": getattr(resource, "found_in_file", None),
                "topics": [(row["slug"], row["name"]) for row in resource.topic_rows],
            }
        )
    context = {
        "cards": cards,
        "topics_label": gettext("Topics"),
        "list_url": reverse("resources:resource_list"),
    }
    return render_partial("resources/_resource_cards.jinja", context)
