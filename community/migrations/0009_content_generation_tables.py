"""More tables move the content generation: every table whose rows a page shows
to guests, since whole guest pages (core/page_cache.py) and the collection
page's list are cached under it (config/generation.py). Tables that only one
member's own pages show (read states, notifications, follows, bookmarks, e-mail)
do not, so members' everyday activity does not empty the cache."""

from django.db import migrations

TABLES = [
    "resources_collection",
    "resources_collectionitem",
    "resources_resource_related",
    "taggit_tag",
    "community_thread_resources",
    "cohorts_program",
    "cohorts_program_funders",
    "cohorts_program_partners",
    "cohorts_cohort",
    "cohorts_city",
    "cohorts_participatingcity",
    "cohorts_cohortmembership",
    "cohorts_session",
    "cohorts_session_materials",
    "cohorts_actionplanitem",
    # Who may read or write what: roles, suspensions (members' pages are kept too).
    "auth_user_groups",
    "auth_group_permissions",
    "auth_user_user_permissions",
    "community_suspension",
]

TRIGGER = """
DROP TRIGGER IF EXISTS community_search_generation ON {table};
CREATE TRIGGER community_search_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION community_search_generation_next();
"""


# A sign-in writes last_login: only what pages show of a user, or what the user
# may do, moves the number.
USER_TRIGGER = """
DROP TRIGGER IF EXISTS community_search_generation ON auth_user;
CREATE TRIGGER community_search_generation
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF username, is_active, is_staff, is_superuser
  ON auth_user
  FOR EACH STATEMENT EXECUTE FUNCTION community_search_generation_next();
"""


def create(apps, schema_editor):
    for table in TABLES:
        schema_editor.execute(TRIGGER.format(table=table))
    schema_editor.execute(USER_TRIGGER)


def drop(apps, schema_editor):
    schema_editor.execute(TRIGGER.format(table="auth_user"))
    for table in TABLES:
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS community_search_generation ON {table};"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0008_search_generation"),
        ("cohorts", "0004_session_created_at"),
    ]

    operations = [migrations.RunPython(create, drop)]
