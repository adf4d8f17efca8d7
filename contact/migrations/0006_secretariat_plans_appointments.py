"""
Who may plan appointments with ambassadors: the Secretariaat only (the `plan_appointment`
permission, which every appointment view asks). Moderatoren and Marketing see the
appointments in a request's details but do not plan them; ambassadors decide on their own
proposals through the link in their email, without any model permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["plan_appointment", "view_appointment"]


def appointment_permissions(apps):
    app_config = apps.get_app_config("contact")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type__app_label="contact", codename__in=CODENAMES))


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name="Secretariaat")
    group.permissions.add(*appointment_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Secretariaat"):
        group.permissions.remove(*appointment_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("contact", "0005_appointments_and_availability")]

    operations = [migrations.RunPython(grant, revoke)]
