"""The admin's widgets: autocompletes safe with any value in the request, and
a private file's input.

Django's AutocompleteMixin.optgroups looks its selected values up as they came
(`?organization=abc` on an add page, or a tampered POST shown back with its
errors): a value that is not a valid key makes the lookup raise, and the page
answers 500. The same look-up here keeps only the values the key field accepts
(a number in range, for an id); the form then says the choice is not valid.
"""

from django.contrib.admin.widgets import AdminFileWidget, AutocompleteMixin
from django.core.exceptions import ValidationError

_optgroups = AutocompleteMixin.optgroups


def _valid_values(widget, value) -> list:
    remote = widget.field.remote_field
    key = remote.model._meta.get_field(
        getattr(remote, "field_name", None) or remote.model._meta.pk.name
    )
    valid = []
    for item in value:
        try:
            key.clean(item, None)  # to_python, then range validators
        except (ValidationError, TypeError, ValueError):
            continue
        valid.append(item)
    return valid


def optgroups(self, name, value, attr=None):
    return _optgroups(self, name, _valid_values(self, value), attr)


def install() -> None:
    AutocompleteMixin.optgroups = optgroups


class PrivateFileWidget(AdminFileWidget):
    """The admin's file input for a file in the private storage, which has no
    address of its own: the current file links to the view that serves it
    (`link(instance)`), not to the storage."""

    template_name = "admin/widgets/private_file_input.html"
    # The field's label is the file input's own (<label for>), as for any input;
    # Django's file widgets title a fieldset with it instead, which names none of
    # the inputs inside (the file input was left without a name).
    use_fieldset = False

    def __init__(self, *args, link, **kwargs):
        super().__init__(*args, **kwargs)
        self.link = link

    def is_initial(self, value):
        return bool(value and getattr(value, "name", ""))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        context["widget"]["link"] = self.link(instance) if instance else ""
        return context
