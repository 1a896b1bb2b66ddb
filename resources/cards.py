"""The library page's cards, rendered by templates/resources/_resource_cards.jinja:
Jinja2, as a board's threads are (core/jinja_env.py), for the Django template's
include ran once per card and cost more than the rest of the page's body. The
card is the one templates/resources/_resource_card.html writes with its topics;
its texts are made here, in the reader's language."""

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from core.jinja_env import render_partial
from core.translated import lang_attribute, shown
from resources.models import Resource


def cards_html(resources: list[Resource]) -> SafeString:
    """The resources' cards; each needs its organization's row and its tags
    (for_listing), and found_in_file when the list is a search's."""
    cards = []
    kinds = dict(Resource.Kind.choices)  # get_kind_display() builds it per call
    for resource in resources:
        title, summary = shown(resource, "title"), shown(resource, "summary")
        published_on = resource.published_on
        cards.append(
            {
                "kind": str(kinds[resource.kind]),
                "url": resource.get_absolute_url(),
                "title": title.text,
                "title_lang": lang_attribute(title.lang),
                "organization": resource.organization.label
                if resource.organization
                else "",
                "published_on": published_on.isoformat() if published_on else "",
                "date_label": resource.date_label,
                "summary": summary.text,
                "summary_lang": lang_attribute(summary.lang),
                "found_in_file": getattr(resource, "found_in_file", None),
                "topics": [(tag.slug, tag.name) for tag in resource.tags.all()],
            }
        )
    context = {
        "cards": cards,
        "topics_label": gettext("Topics"),
        "list_url": reverse("resources:resource_list"),
    }
    return render_partial("resources/_resource_cards.jinja", context)
