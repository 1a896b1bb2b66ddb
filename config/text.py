import unicodedata

MAX_QUERY_LENGTH = 200


def clean_query(value: str, max_length: int = MAX_QUERY_LENGTH) -> str:
    """Search text from a URL: no control characters (PostgreSQL refuses NUL), one
    space between words, at most max_length characters."""
    printable = "".join(
        " " if unicodedata.category(ch).startswith("C") else ch for ch in value
    )
    return " ".join(printable.split())[:max_length].strip()
