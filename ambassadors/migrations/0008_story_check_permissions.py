"""Marketing and Moderatoren see the stories past their review-by date (ambassadors/story_check_admin.py)."""

from django.db import migrations

GROUPS = ["Marketing", "Moderatoren"]


def view_permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="ambassadors", model="storycheck")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_storycheck", defaults={"name": "Can view controle van een verhaal"}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = view_permission(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*group.permissions.filter(codename="view_storycheck"))


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0007_story_check"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
