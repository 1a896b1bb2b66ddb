"""Admin building blocks that keep a page's number of queries fixed however many
rows it shows: the delete confirmation's list of objects, and the related objects
named in inline rows."""

from django.contrib.admin.options import EMPTY_VALUE_STRING
from django.contrib.admin.utils import NestedObjects, display_for_value, quote
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.models import Permission
from django.db import router
from django.forms.models import BaseInlineFormSet
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext

from core.admin_permissions import permission_label


def _named_relations(model, depth: int = 2, prefix: str = "") -> list[str]:
    """The required foreign keys of a model, and theirs, to `depth`: what a
    __str__ usually names (a membership names its member and its cohort, whose
    name names its program)."""
    names = []
    for field in model._meta.concrete_fields:
        if field.many_to_one and not field.null:
            names.append(prefix + field.name)
            if depth > 1:
                names += _named_relations(
                    field.related_model, depth - 1, f"{prefix}{field.name}__"
                )
    return names


class _Collector(NestedObjects):
    def related_objects(self, related_model, related_fields, objs):
        # Django joins only the key it follows; the page then names each object by
        # its __str__, which would load the other related objects row by row.
        objects = super().related_objects(related_model, related_fields, objs)
        if names := _named_relations(related_model):
            objects = objects.select_related(*names)
        return objects


def _links(opts) -> list:
    """The two foreign keys of a table Django made for a many-to-many field."""
    return [field for field in opts.fields if field.many_to_one]


def _model_name(opts, *, plural: bool = False) -> str:
    """A model's name in the active language. Django names the table it makes for
    a many-to-many field in English, after the classes it links ("Thread-resource
    relationship"): here it is named after the models' own names."""
    if not opts.auto_created:
        return opts.verbose_name_plural if plural else opts.verbose_name
    source, target = (link.related_model._meta.verbose_name for link in _links(opts))
    names = {"from": source, "to": target}
    if plural:
        return gettext("%(from)s-%(to)s relationships") % names
    return gettext("%(from)s-%(to)s relationship") % names


def _object_name(obj) -> str:
    """An object's name; a many-to-many link's, the two objects it links (the
    collector has read them with it)."""
    if isinstance(obj, Permission):  # its name is stored in English
        return permission_label(obj)
    if not obj._meta.auto_created:
        return str(obj)
    source, target = (getattr(obj, link.name) for link in _links(obj._meta))
    return f"{_object_name(source)} – {_object_name(target)}"


class DeleteConfirmationMixin:
    """For a ModelAdmin: the delete confirmation (and the "delete selected"
    action) lists every object deleted along, read with the related objects their
    names show, in a fixed number of queries, each named in the active language.
    Django's get_deleted_objects, with that collector."""

    def get_deleted_objects(self, objs, request):
        objs = list(objs)
        if not objs:
            return [], {}, set(), []
        collector = _Collector(
            using=router.db_for_write(objs[0]._meta.model), origin=objs
        )
        collector.collect(objs)
        perms_needed = set()
        admin_site = self.admin_site

        def format_callback(obj):
            opts = obj._meta
            no_edit_link = f"{capfirst(_model_name(opts))}: {_object_name(obj)}"
            if not admin_site.is_registered(obj.__class__):
                return no_edit_link
            model_admin = admin_site.get_model_admin(obj.__class__)
            if not model_admin.has_delete_permission(request, obj):
                perms_needed.add(opts.verbose_name)
            try:
                url = reverse(
                    f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                    args=[quote(obj.pk)],
                )
            except NoReverseMatch:
                return no_edit_link
            return format_html(
                '{}: <a href="{}">{}</a>',
                capfirst(opts.verbose_name),
                url,
                display_for_value(str(obj), EMPTY_VALUE_STRING),
            )

        to_delete = collector.nested(format_callback)
        protected = [format_callback(obj) for obj in collector.protected]
        model_count = {
            _model_name(model._meta, plural=True): len(objects)
            for model, objects in collector.model_objs.items()
        }
        return to_delete, model_count, perms_needed, protected


class RowObjectAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that names its selected object from the inline row, which
    holds it already (see RowObjectsFormSet), instead of querying for it."""

    row_object = None

    def optgroups(self, name, value, attr=None):
        obj = self.row_object
        selected = {
            str(v) for v in value if str(v) not in self.choices.field.empty_values
        }
        if obj is None or selected != {str(obj.pk)}:
            return super().optgroups(name, value, attr)
        options = (
            [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        )
        label = self.choices.field.label_from_instance(obj)
        options.append(self.create_option(name, obj.pk, label, selected, len(options)))
        return [(None, options, 0)]


class RowObjectsFormSet(BaseInlineFormSet):
    """Inline rows whose autocomplete fields are named from each row's own related
    objects, which the inline's get_queryset() joins (select_related): one query for
    all the rows, not one per row and field."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk is None:
            return form
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # admin's wrapper
            if not isinstance(widget, RowObjectAutocompleteSelect):
                continue
            model_field = form.instance._meta.get_field(name)
            if model_field.is_cached(form.instance):
                widget.row_object = getattr(form.instance, name)
        return form


class RowObjectsInlineMixin:
    """For an InlineModelAdmin with autocomplete_fields: its rows name the selected
    objects from the rows (join them in get_queryset) rather than one by one."""

    formset = RowObjectsFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                RowObjectAutocompleteSelect(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def choices_read_once(formfield):
    """Read a choice field's options now, once, for every row of an inline: each
    row's select would otherwise run the field's query again."""
    if formfield is None or not hasattr(formfield, "queryset"):
        return formfield
    # iter(): list() would first ask the iterator's len(), a COUNT query.
    choices = list(iter(formfield.choices))
    formfield.choices = choices
    wrapped = getattr(formfield.widget, "widget", None)  # the admin's add/change links
    if wrapped is not None:
        wrapped.choices = choices
    return formfield
