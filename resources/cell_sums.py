"""The sums of the library's facet cells (resources/facets.py) for a filter
state: each facet's counts over the cells the filters but its own leave, kept
per facet under the other facets' choices."""

from django.db import connection

from core import rebuilt
from resources.filters import LibraryFilters

# Each facet's sums over the cells the filters but its own leave; the topics and
# organizations most first, then by name in the database's collation. The cells'
# index by topic (migration 0007) reads the cells of one topic, or of none, for
# the kind, organization and year. A facet's sums depend on the other facets'
# filters alone, so they are kept per facet (kept_sums), and only those not kept
# are summed, in one statement. (All four in one pass over the cells, GROUPING
# SETS with a FILTER per facet, took 20 ms at 100,000 resources on a slow day.)
_SUMS_SQL = {
    "kind": """SELECT 'kind', kind, NULL, NULL, SUM(n) FROM resources_facetcell
        WHERE {tag} AND {org} AND {year} GROUP BY kind""",
    "topic": """(SELECT 'topic', tag.slug, tag.name, NULL, sums.n
        FROM (SELECT tag_id, SUM(n) AS n FROM resources_facetcell
              WHERE tag_id IS NOT NULL AND {kind} AND {org} AND {year}
              GROUP BY tag_id) AS sums
        JOIN taggit_tag tag ON tag.id = sums.tag_id
        ORDER BY 5 DESC, tag.name LIMIT 30)""",
    "org": """(SELECT 'org', org.slug, org.name, org.short_name, sums.n
        FROM (SELECT organization_id, SUM(n) AS n FROM resources_facetcell
              WHERE {tag} AND {kind} AND {year} GROUP BY organization_id) AS sums
        JOIN resources_organization org ON org.id = sums.organization_id
        ORDER BY 5 DESC, org.name LIMIT 30)""",
    "year": """SELECT 'year', year::text, NULL, NULL, SUM(n) FROM resources_facetcell
        WHERE {tag} AND {kind} AND {org} AND year IS NOT NULL GROUP BY year""",
}
FACET_NAMES = tuple(_SUMS_SQL)
SUMS_SECONDS = 3600


def cell_sums(filters: LibraryFilters, names) -> dict[str, list[tuple]]:
    """The sums of the facets named, each as rows (value, label, short label, n)."""
    parts = {
        "tag": "tag_id = (SELECT id FROM taggit_tag WHERE slug = %(topic)s)"
        if filters.topics
        else "tag_id IS NULL",
        "kind": "kind = ANY(%(kinds)s)" if filters.kinds else "true",
        "org": "organization_id IN (SELECT id FROM resources_organization"
        " WHERE slug = ANY(%(orgs)s))"
        if filters.organizations
        else "true",
        "year": "year = ANY(%(years)s)" if filters.years else "true",
    }
    values = {
        "topic": filters.topics[0] if filters.topics else "",
        "kinds": list(filters.kinds),
        "orgs": list(filters.organizations),
        "years": [int(year) for year in filters.years],
    }
    sql = " UNION ALL ".join(_SUMS_SQL[name].format(**parts) for name in names)
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        rows = cursor.fetchall()
    sums = {name: [] for name in names}
    for name, *row in rows:
        sums[name].append(tuple(row))
    return sums


def _others(filters: LibraryFilters, name: str) -> tuple:
    """A facet's sums are the same for every filter state that differs only in
    the facet's own values, and in every language."""
    return tuple(
        tuple(sorted(map(str, values)))
        for facet, values in filters.chosen.items()
        if facet != name
    )


def kept_sums(filters: LibraryFilters, made_at) -> dict[str, list[tuple]]:
    """Each facet's sums, kept with the versions the cells were counted at
    (made_at): a facet whose kept sums are older is summed again by one request
    at a time, the others using the older sums meanwhile."""
    kept = rebuilt.rebuilt_by_one_each(
        "library:cell-sums",
        made_at,
        [(name, _others(filters, name)) for name in FACET_NAMES],
        lambda wanted: cell_sums(filters, [name for name, _ in wanted]).values(),
        SUMS_SECONDS,
        language=False,
    )
    return dict(zip(FACET_NAMES, kept, strict=True))
