from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

HANDLE_INVALID = _(
    "Use only letters, digits, underscores and hyphens, "
    "starting with a letter or digit."
)

# A handle is used in @mentions and in profile URLs, so it keeps to a safe alphabet.
handle_validators = [
    RegexValidator(
        r"^[A-Za-z0-9][A-Za-z0-9_-]*\Z", HANDLE_INVALID, code="invalid_handle"
    ),
]
