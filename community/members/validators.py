import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

HANDLE_INVALID = _(
    "Use only letters, digits, underscores and hyphens, "
    "starting with a letter or digit."
)

# A handle is used in @mentions and in profile URLs, so it keeps to a safe alphabet.
HANDLE_RESERVED = _(
    "Handles starting with “former-member” are kept for closed accounts."
)

handle_validators = [
    RegexValidator(
        r"^[A-Za-z0-9][A-Za-z0-9_-]*\Z", HANDLE_INVALID, code="invalid_handle"
    ),
    # Closed accounts are renamed former-member-N; no one may take such a name.
    RegexValidator(
        r"^former-member",
        HANDLE_RESERVED,
        code="reserved_handle",
        inverse_match=True,
        flags=re.IGNORECASE,
    ),
]
