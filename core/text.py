import re
import unicodedata

MAX_QUERY_LENGTH = 200
# A "-" negates the word right after it; any other "-" (a run of them, one before
# a space or a bracket) negates nothing, and PostgreSQL's web-search parser nests
# each into the next until "tsquery stack too small".
_NEGATIONS = re.compile(r"-+(?=\w)")
_IDLE_HYPHENS = re.compile(r"-+(?!\w)")
# A whole number from a URL or a hidden field: ASCII digits only (str.isdigit()
# also takes "²", which int() refuses), and few enough for PostgreSQL's bigint.
_NUMBER = re.compile(r"[0-9]{1,18}")


def clean_query(value: str, max_length: int = MAX_QUERY_LENGTH) -> str:
    """Search text from a URL: no control characters (PostgreSQL refuses NUL), no
    hyphen that negates nothing, one space between words, at most max_length
    characters."""
    printable = "".join(
        " " if unicodedata.category(ch).startswith("C") else ch for ch in value
    )
    printable = _IDLE_HYPHENS.sub(" ", _NEGATIONS.sub("-", printable))
    return " ".join(printable.split())[:max_length].strip()


def whole_number(value: str | None) -> int | None:
    """value as a whole number (0 or more) if it is one, else None."""
    if value is None or not _NUMBER.fullmatch(value):
        return None
    return int(value)
