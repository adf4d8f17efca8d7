"""
Story groups say whose story they cover: "Ambassadeursverhaal 14" becomes "Verhaal: Anje
Bechtel" (with the page id when two stories share a title), as ambassadors/access.py names new ones.
"""

from django.db import migrations

OLD_PREFIX = "Ambassadeursverhaal "
NEW_PREFIX = "Verhaal: "


def story_pages(apps, group):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    return [permission.page for permission in GroupPagePermission.objects.filter(group=group).select_related("page")]


def name_after_story(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__startswith=OLD_PREFIX).order_by("pk"):
        pages = story_pages(apps, group)
        if len(pages) != 1:
            continue
        page = pages[0]
        name = f"{NEW_PREFIX}{page.title}"[:130]
        if Group.objects.filter(name=name).exclude(pk=group.pk).exists():
            name = f"{name} ({page.pk})"
        group.name = name
        group.save(update_fields=["name"])


def name_after_id(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__startswith=NEW_PREFIX):
        pages = story_pages(apps, group)
        if len(pages) == 1:
            group.name = f"{OLD_PREFIX}{pages[0].pk}"
            group.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0008_story_check_permissions"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(name_after_story, name_after_id)]
