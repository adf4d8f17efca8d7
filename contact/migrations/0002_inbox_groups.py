"""
Who may work the contact inbox.

Secretariaat: admin access, view and change (status, note). Moderatoren: view, change and
delete. Marketing: view only. Ambassadeurs get nothing here: they never see requests.
Moderatoren and Marketing are made by the ambassadors app's group migration as well;
get_or_create lets either migration run first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_PERMISSIONS = {
    "Secretariaat": ["view", "change"],
    "Moderatoren": ["view", "change", "delete"],
    "Marketing": ["view"],
}


def contact_permission(apps, action):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="contact", codename=f"{action}_contactrequest")


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; this migration needs them now.
    app_config = apps.get_app_config("contact")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")

    for name, actions in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*[contact_permission(apps, action) for action in actions])
    Group.objects.get(name="Secretariaat").permissions.add(access_admin)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    contact_permissions = Permission.objects.filter(content_type__app_label="contact")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(*contact_permissions)
    Group.objects.filter(name="Secretariaat").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # These hand "choose" permissions to every group with admin access that exists when
        # they run; running them first keeps Secretariaat to its own permissions.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
