"""
The admin speaks Dutch only (LANGUAGES in website/settings/base.py): anyone who had chosen
English in their account follows the site's language again.
"""

from django.db import migrations


def forget_english(apps, schema_editor):
    UserProfile = apps.get_model("wagtailusers", "UserProfile")
    UserProfile.objects.filter(preferred_language="en").update(preferred_language="")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_outbox"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]

    operations = [migrations.RunPython(forget_english, migrations.RunPython.noop)]
