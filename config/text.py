import unicodedata

from django.db.models import Q, QuerySet

MAX_QUERY_LENGTH = 200


def clean_query(value: str, max_length: int = MAX_QUERY_LENGTH) -> str:
    """Search text from a URL: no control characters (PostgreSQL refuses NUL), one
    space between words, at most max_length characters."""
    printable = "".join(
        " " if unicodedata.category(ch).startswith("C") else ch for ch in value
    )
    return " ".join(printable.split())[:max_length].strip()


def words_match(queryset: QuerySet, q: str, fields: list[str]) -> QuerySet:
    """The plain search where full-text search is missing (SQLite, the
    quickstart): every word in one of the fields, a -word in none."""
    for token in q.replace('"', " ").split():
        word = token.lstrip("-")
        if not word:
            continue
        match = Q()
        for name in fields:
            match |= Q(**{f"{name}__icontains": word})
        queryset = (
            queryset.exclude(match) if token.startswith("-") else queryset.filter(match)
        )
    return queryset
