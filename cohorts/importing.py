"""Reading city lists as press releases write them ("St. Paul, Minn.")."""

from cohorts.models.states import State

UNKNOWN_STATE = "Unknown state “%(state)s” in “%(line)s”; use a code such as PA."
NOT_A_CITY_LINE = "Write a city as “Name, State”: “%(line)s” has no state."

# AP style abbreviations, as news releases use them, to postal codes.
AP_STATES = {
    "ala.": "AL", "ariz.": "AZ", "ark.": "AR", "calif.": "CA", "cal.": "CA",
    "colo.": "CO", "conn.": "CT", "del.": "DE", "d.c.": "DC", "fla.": "FL",
    "ga.": "GA", "ill.": "IL", "ind.": "IN", "kan.": "KS", "kans.": "KS",
    "ky.": "KY", "la.": "LA", "md.": "MD", "mass.": "MA", "mich.": "MI",
    "minn.": "MN", "miss.": "MS", "mo.": "MO", "mont.": "MT", "neb.": "NE",
    "nev.": "NV", "n.h.": "NH", "n.j.": "NJ", "n.m.": "NM", "n.y.": "NY",
    "n.c.": "NC", "n.d.": "ND", "okla.": "OK", "ore.": "OR", "pa.": "PA",
    "penn.": "PA", "r.i.": "RI", "s.c.": "SC", "s.d.": "SD", "tenn.": "TN",
    "vt.": "VT", "va.": "VA", "wash.": "WA", "w.va.": "WV", "wis.": "WI",
    "wyo.": "WY",
}  # fmt: skip
STATE_NAMES = {label.lower(): code for code, label in State.choices}

# Where a release uses a short form of a city's official name.
OFFICIAL_NAMES = {("st. paul", "MN"): "Saint Paul"}


def parse_city_line(line: str) -> tuple[str, str]:
    """("St. Paul, Minn.") -> ("Saint Paul", "MN"); ValueError with a message
    for a line that names no state we know."""
    text = " ".join(line.replace("•", " ").split())
    name, comma, state = text.rpartition(",")
    if not comma or not name.strip():
        raise ValueError(NOT_A_CITY_LINE % {"line": line.strip()})
    name, state = name.strip(), state.strip()
    key = state.lower()
    code = (
        state.upper()
        if state.upper() in State.values
        else AP_STATES.get(key)
        or AP_STATES.get(key + ".")  # "N.C" lost its last period in the release
        or STATE_NAMES.get(key)
    )
    if not code:
        raise ValueError(UNKNOWN_STATE % {"state": state, "line": line.strip()})
    return OFFICIAL_NAMES.get((name.lower(), code), name), code
