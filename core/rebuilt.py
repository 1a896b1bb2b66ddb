"""Values rebuilt by one request at a time (the library's facet sums): kept with
the numbers of the scopes they were made from (core/versions.py), and, once
those have moved, made again by one request while the others are served the
value made from the earlier numbers."""

from django.core.cache import cache

from core.versions import Stamp, digest

REBUILD_SECONDS = 30  # how long a rebuild may take before another request tries


def rebuilt_by_one(name: str, stamp: Stamp, key: tuple, compute, seconds=3600):
    """compute(), kept under name and key with the numbers it was made from.

    When the scopes have moved since, one request at a time computes it again;
    the others get the value made from the earlier numbers meanwhile. For what is
    costly to count and where a moment's lag harms no one (the library's facet
    counts), rather than every request counting at once after each publication.
    """
    (value,) = rebuilt_by_one_each(
        name, stamp, [key], lambda wanted: [compute()], seconds
    )
    return value


def rebuilt_by_one_each(
    name: str, stamp: Stamp, keys: list, compute_missing, seconds=3600, *, language=True
) -> list:
    """The values of several keys, each kept as rebuilt_by_one keeps one, read
    with one cache round trip and written with one. compute_missing(wanted) gives
    the values of the keys wanted (those never kept, or older than stamp and not
    being computed by another request), in their order. `language=False` for
    values that are the same in every language."""
    entries = [f"{name}:{digest((), *key, language=language)}" for key in keys]
    found = cache.get_many(entries)
    values, wanted, locks = {}, [], []
    for i, entry in enumerate(entries):
        kept = found.get(entry)
        if kept is not None and kept[0] == stamp:
            values[i] = kept[1]
        elif kept is None:
            wanted.append(i)
        elif cache.add(f"{entry}:rebuilding", True, REBUILD_SECONDS):
            wanted.append(i)
            locks.append(f"{entry}:rebuilding")
        else:  # another request is computing it again: the earlier value meanwhile
            values[i] = kept[1]
    if wanted:
        try:
            made = compute_missing([keys[i] for i in wanted])
            made = dict(zip(wanted, made, strict=True))
            cache.set_many({entries[i]: (stamp, made[i]) for i in wanted}, seconds)
            values |= made
        finally:
            if locks:
                cache.delete_many(locks)
    return [values[i] for i in range(len(keys))]
