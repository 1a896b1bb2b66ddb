import pytest
from django.contrib.auth.models import Group

from community import roles

pytestmark = pytest.mark.django_db


def test_role_groups_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.CURATORS, roles.MODERATORS, roles.PROGRAM_STAFF} <= names


def test_groups_get_the_permissions_of_models_that_exist():
    curators = Group.objects.get(name=roles.CURATORS)
    moderators = Group.objects.get(name=roles.MODERATORS)
    assert curators.permissions.filter(codename="change_tag").exists()
    assert moderators.permissions.filter(codename="change_profile").exists()
    assert not moderators.permissions.filter(codename="delete_profile").exists()
    assert not curators.permissions.filter(content_type__app_label="auth").exists()


def test_sync_restores_a_removed_permission():
    moderators = Group.objects.get(name=roles.MODERATORS)
    moderators.permissions.clear()
    from django.contrib.auth.models import Permission

    roles.sync_roles(Group, Permission)
    assert moderators.permissions.filter(codename="view_profile").exists()


def test_staff_in_a_group_can_use_its_admin_pages(client, django_user_model):
    user = django_user_model.objects.create_user("mod", "m@example.org", "x")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    client.force_login(user)
    assert client.get("/admin/community/profile/").status_code == 200
    assert client.get("/admin/auth/group/").status_code == 403
