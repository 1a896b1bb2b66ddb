"""Names for the inputs of a changelist's editable columns (list_editable).

Django draws them in the table's cells with no label: a screen reader says
"combo box" or "spin button" and not what it sets. Each input is named by its
column's title here (aria-label), in the reader's language; the table's row
header says whose it is. Inlines get theirs from their template
(templates/admin/edit_inline/tabular.html), the widgets drawn by the admin's
scripts from static/js/admin-names.js."""

from django.contrib.admin import ModelAdmin

_get_changelist_form = ModelAdmin.get_changelist_form


class _Named:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # this form's copies
            # A related field's wrapper, once copied, keeps the attrs of the
            # form class's widget (shared by every request): its own copy of
            # that widget, which draws the input, is the one named.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", str(field.label))


def get_changelist_form(self, request, **kwargs):
    form = _get_changelist_form(self, request, **kwargs)
    return type(form.__name__, (_Named, form), {})


def install() -> None:
    ModelAdmin.get_changelist_form = get_changelist_form
