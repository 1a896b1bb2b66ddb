"""The staff roles of product.md as auth groups, with the permissions each needs."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes

CURATORS = "Curators"
MODERATORS = "Moderators"
PROGRAM_STAFF = "Program staff"

ALL = ("add", "change", "delete", "view")

# Group name -> {app label: {model name: actions}}. A model that does not exist yet is
# skipped, so later issues only add lines here and migrate brings the groups up to date.
ROLE_PERMISSIONS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    CURATORS: {
        "resources": {
            "resource": ALL,
            "organization": ALL,
            "collection": ALL,
            "collectionitem": ALL,
        },
        "taggit": {"tag": ALL, "taggeditem": ALL},
    },
    MODERATORS: {
        "auth": {"user": ("view",)},
        "community": {
            "profile": ("view", "change"),
            "board": ("view", "change"),
            "thread": ("view", "change"),
            "post": ("view", "change"),
            "postrevision": ("view",),
            "flag": ("view", "change"),
            "messagereport": ("view", "change"),
            "suspension": ALL,
            "moderationlog": ("view",),
            "outgoingemail": ("view", "change"),
            "digestschedule": ("view", "change"),
        },
    },
    PROGRAM_STAFF: {
        "auth": {"user": ("view",)},
        "resources": {"resource": ("view",), "organization": ("view",)},
        "community": {"digestschedule": ("view",)},
        "cohorts": {
            "program": ALL,
            "cohort": ALL,
            "city": ALL,
            "participatingcity": ALL,
            "cohortmembership": ALL,
            "session": ALL,
            "sessionresponse": ("view", "change"),  # attendance; people answer
            "actionplanitem": ALL,
            "milestonekind": ALL,
            "milestone": ALL,
        },
    },
}


def is_moderator(user) -> bool:
    # is_staff first: has_perm costs two queries, and most members are not staff.
    return user.is_authenticated and (
        user.is_superuser or (user.is_staff and user.has_perm("community.change_post"))
    )


def sync_roles(group_model, permission_model) -> None:
    """Create the role groups and give each exactly the permissions listed for it."""
    for group_name, apps_models in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=group_name)
        wanted = {
            (app_label, f"{action}_{model}")
            for app_label, models in apps_models.items()
            for model, actions in models.items()
            for action in actions
        }
        permissions = permission_model.objects.filter(
            content_type__app_label__in={app for app, _ in wanted},
            codename__in={codename for _, codename in wanted},
        ).select_related("content_type")
        group.permissions.set(
            [p for p in permissions if (p.content_type.app_label, p.codename) in wanted]
        )


def sync_roles_after_migrate(
    sender, apps=global_apps, using="default", **kwargs
) -> None:
    # Permissions of every app must exist before they can be granted. (flush, run
    # between transactional tests, sends post_migrate without `apps`.)
    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using, apps=apps)
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))
