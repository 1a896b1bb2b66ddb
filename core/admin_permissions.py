"""Permissions named in the active language in the admin's user and group forms.

Django stores each permission's name in English when it creates it ("Can add
board follow") and shows it as stored. Here a permission Django made for a
model is named from what it allows and the model's own (translated) name
("Puede añadir seguimiento de foro"); any other, by its stored name through the
catalog.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

_ALLOWS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission) -> str:
    """ "App | model | what it allows", as Django's own label, in the active
    language. Needs the permission's content type loaded (select_related)."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:  # a model since removed: only its stored names are left
        return str(permission)
    action, _sep, model_name = permission.codename.partition("_")
    if action in _ALLOWS and model_name == model._meta.model_name:
        allows = _ALLOWS[action] % {"model": model._meta.verbose_name}
    else:
        allows = gettext(permission.name)
    return f"{content_type} | {allows}"


class PermissionLabelsMixin:
    """For the ModelAdmin of users or groups: their permissions' choices are
    named by permission_label."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if formfield is not None and db_field.name in {
            "permissions",
            "user_permissions",
        }:
            formfield.label_from_instance = permission_label
        return formfield
