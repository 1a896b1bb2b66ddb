"""The admin's history of an object, its changed fields named in the reader's
language.

The admin stores the fields a change touched by their form labels, in English
("Reported by"), and the history page translates each when shown; but a label
is a field's name with a capital letter, which the catalogs know without one
("reported by"). Here each stored label is first matched to the name the
catalogs know, then Django writes the message as usual.
"""

import copy
import json

from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext

_get_change_message = LogEntry.get_change_message


def _as_known(label: str) -> str:
    lowered = label[:1].lower() + label[1:]
    if gettext(label) == label and gettext(lowered) != lowered:
        return lowered
    return label


def get_change_message(self) -> str:
    try:
        messages = json.loads(self.change_message)
    except ValueError:
        return _get_change_message(self)
    if not isinstance(messages, list):
        return _get_change_message(self)
    for message in messages:
        changed = message.get("changed") if isinstance(message, dict) else None
        if isinstance(changed, dict) and isinstance(changed.get("fields"), list):
            changed["fields"] = [_as_known(str(label)) for label in changed["fields"]]
    entry = copy.copy(self)
    entry.change_message = json.dumps(messages)
    return _get_change_message(entry)


def install() -> None:
    LogEntry.get_change_message = get_change_message
