from django.db import migrations


def create_role_groups(apps, schema_editor):
    from community.roles import sync_roles

    # On a new database the permissions themselves appear after migrate; the
    # post_migrate hook in CommunityConfig grants them then.
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("community", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
