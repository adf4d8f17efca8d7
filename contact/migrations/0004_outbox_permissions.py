"""
Who may see the outbox of emails (core.OutboxMessage) and retry a failed one: the
Secretariaat (it answers the contact requests whose emails are there) and the Moderatoren.
Marketing and Ambassadeurs get nothing: ambassadors never see other people's mail.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Secretariaat", "Moderatoren"]
ACTIONS = ["view", "change"]


def outbox_permissions(apps):
    app_config = apps.get_app_config("core")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="core", codename__in=[f"{action}_outboxmessage" for action in ACTIONS]
    )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(outbox_permissions(apps))
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(outbox_permissions(apps))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0003_visitor_confirmation_withheld"),
        ("core", "0001_outbox"),
        ("ambassadors", "0003_workflow_setup"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
