"""The site search's sections over large tables (posts, resources): a page
chosen among the newest matches, and those matches kept across additions.

A common word matches a hundred thousand of a million posts: counting, ranking
or paging every match costs more than the page. These sections read the keys
and ranks of the newest MAX_COUNT matches along an index (newest_matches),
choose the page among them (large_page), and say "1,000+" beyond. The posts'
matches are also kept across replies (growing_matches). A section whose
statement has the same shape every time builds it once (newest_keys, read by
newest_prepared): building and compiling it cost a millisecond, a quarter of
running it.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db.models import BigIntegerField, ExpressionWrapper, F, QuerySet, Subquery

from core import additions, versions
from core.plans import planned_each_time
from core.prepared import Prepared
from core.search import Section

MAX_COUNT = 1000  # "1,000+" beyond this


def newest_matches(
    matches: QuerySet, newest: tuple, rank, *, random_page_cost=None
) -> list[tuple]:
    """The keys and ranks of the newest MAX_COUNT matches, in the `newest`
    order (which an index reads), and one more to know whether there are more:
    counting every match of a common word in a large table costs more than the
    page. Read once: each row's rank comes with its key.

    They are planned for the words searched (core/plans.py): a common word's
    are best read along the `newest` index, a rare word's through GIN, and
    random_page_cost prices the pages read for the plan (core/plans.py)."""
    with planned_each_time(matches.db, random_page_cost=random_page_cost):
        return list(newest_keys(matches, newest, rank))


def newest_keys(matches: QuerySet, newest: tuple, rank) -> QuerySet:
    """The statement of newest_matches: for a Prepared query's build."""
    return (
        matches.annotate(search_rank=rank)
        .order_by(*newest)
        .values_list("pk", "search_rank")[: MAX_COUNT + 1]
    )


def newest_prepared(
    keys: Prepared, shape, *, random_page_cost=None, **values
) -> list[tuple]:
    """newest_matches of a query built once per shape (core/prepared.py),
    whose build gives newest_keys(...), run with these values: planned for
    them as newest_matches is."""
    with planned_each_time(random_page_cost=random_page_cost):
        return keys.rows(shape, **values)


# How many of the newest rows a search walks along the index at most.
RECENT = 50_000
# At most how many times RECENT older rows a search of several words reads
# before reading all the older ones.
WIDER = 4


def newest_by_key(matches: QuerySet, rank, *, random_page_cost=None) -> list[tuple]:
    """newest_matches(matches, ("-pk",), rank), never walking more than the
    newest RECENT rows of the table: for a search of several words.

    PostgreSQL knows how many rows match one word (its statistics), but guesses
    how many match two from how many match each, as if the words were
    independent: two common words that seldom meet are thought common together,
    and it walks the key index from the newest row for a thousand matches it
    never finds (300 ms through a million posts for 828 matches). So the walk
    reads the newest RECENT rows only; if fewer than MAX_COUNT + 1 match there
    and the table holds older rows, the older matches come next, in an order
    no index gives, so that PostgreSQL reads them through GIN rather than
    walking. Reading every older match at once reads each from the table to
    sort them: a pair found 758 times among the newest 50,000 of a million
    posts and 22,000 times in all read 20,000 pages (106 ms) for 243 of them.
    So when the newest rows found the pair often enough, the next older rows
    that should hold twice the matches still wanted (at most WIDER * RECENT)
    are read first, and all the older ones only if those hold too few; a pair
    seldom found among the newest goes to all the older ones at once (a window
    would cost it one more pass over the words' index). On the benchmark's
    two-word searches at a million posts, 80 of them made afresh in turns:
    a guest's 29.4 ms on average became 24.7 (the slowest tenth 71 → 49), a
    member's 43.6 → 41.3; the bounded walk had made 330 and 160 ms 30 and 50."""
    newest_key = Subquery(matches.model.objects.order_by("-pk").values("pk")[:1])
    floor = ExpressionWrapper(newest_key - RECENT, output_field=BigIntegerField())
    ranked = matches.annotate(search_rank=rank, floor=floor)
    with planned_each_time(matches.db, random_page_cost=random_page_cost):
        rows = list(
            ranked.filter(pk__gt=F("floor"))
            .order_by("-pk")
            .values_list("pk", "search_rank", "floor")[: MAX_COUNT + 1]
        )
        floor = rows[0][2] if rows else _newest_key(matches.model) - RECENT
        found = [(key, rank) for key, rank, _ in rows]
        # As many older rows as should hold twice the matches still wanted, at
        # the newest rows' rate; if that is more than WIDER * RECENT, all.
        wanted = MAX_COUNT + 1 - len(found)
        wide = 2 * wanted * RECENT // max(1, len(found))
        lowest = floor - wide
        windows = [{"pk__gt": lowest}, {}] if wide <= WIDER * RECENT else [{}]
        for window in windows:
            if len(found) > MAX_COUNT or floor < 1:  # found, or no older rows
                break
            # The bounds written out: PostgreSQL then knows how many rows
            # they hold.
            older = (
                ranked.filter(pk__lte=floor, **window)
                .order_by((F("pk") + 0).desc())
                .values_list("pk", "search_rank")[: MAX_COUNT + 1 - len(found)]
            )
            found += older
            floor = lowest
        return found


def _newest_key(model) -> int:
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def growing_matches(
    matches: QuerySet,
    rank,
    section: Section,
    key: tuple,
    stamp,
    grows: str,
    *,
    words: int = 1,
    random_page_cost: float | None = None,
    fresh: Callable[[], list[tuple]] | None = None,
) -> list[tuple]:
    """newest_matches(matches, ("-pk",), rank) (newest_by_key for a search of
    several words), kept under the numbers of the section's scopes but one,
    `grows`, whose additions are recorded (core/additions.py): when that scope
    has moved since they were made only by new rows (replies), the kept
    matches take in those of the new rows that match, one query by key,
    instead of reading every match again. Any other change to it makes them
    again. random_page_cost: as newest_matches'. fresh, if given, reads them
    when none are kept (newest_prepared, say) instead."""
    number = dict(stamp)[grows]
    others = tuple(
        item for item in stamp if item[0] in section.info.scopes and item[0] != grows
    )
    entry = f"search:{section.key}:matches:{versions.digest(others, *key)}"
    found = cache.get(entry)
    if found is not None:
        made_at, rows = found
        if made_at >= number:  # made from data at least as new
            return rows
        added = additions.added_since(grows, made_at, number)
        if added is not None:
            rows = _with_added(rows, matches, rank, added)
            cache.set(entry, (number, rows), versions.CACHE_SECONDS)
            return rows
    cost = {"random_page_cost": random_page_cost}
    if fresh is not None:
        rows = fresh()
    elif words > 1:
        rows = newest_by_key(matches, rank, **cost)
    else:
        rows = newest_matches(matches, ("-pk",), rank, **cost)
    cache.set(entry, (number, rows), versions.CACHE_SECONDS)
    return rows


def _with_added(rows: list, matches: QuerySet, rank, added: list) -> list[tuple]:
    """The newest MAX_COUNT + 1 of the kept matches and of the added rows that
    match: the newest of the old matches were all kept, so none is missing."""
    new = matches.filter(pk__in=added).annotate(search_rank=rank)
    merged = dict(rows) | dict(new.values_list("pk", "search_rank"))
    return sorted(merged.items(), key=lambda row: -row[0])[: MAX_COUNT + 1]


def large_page(found: list[tuple], section: Section, rows_of) -> list:
    """The page of a search's newest matches (newest_matches: their keys and
    ranks, newest first), and its count.

    The page ranks those newest matches, not every match: ranking every match
    of a common word took seconds. Ranked this way, a search costs the same at
    any size of the data, and finds the best of what is recent. The page is
    chosen among them here, best first and the newest first among
    equal ranks (a stable sort). Only the page's rows are read again:
    rows_of(keys) reads them with what the hits show, and their snippets (a
    prepared query, core/prepared.py: building it cost more than running it)."""
    section.capped = len(found) > MAX_COUNT
    section.count = min(len(found), MAX_COUNT)
    if section.page > section.num_pages:
        section.page = 1  # past the last page (an old link): the first one
    best = sorted(found[:MAX_COUNT], key=lambda row: -row[1])
    start = (section.page - 1) * section.per_page
    keys = [key for key, _ in best[start : start + section.per_page]]
    if not keys:
        return []
    rows = {row.pk: row for row in rows_of(keys)}
    return [rows[key] for key in keys if key in rows]
