"""
Roles and workflows, so that every fresh database has them (see docs/workflow.md).

- Groups: Ambassadeurs (admin access only; each story's own group grants the story, see
  ambassadors/access.py), Marketing (create and edit every page, images, documents; no
  publish), Moderatoren (edit, publish, unpublish, lock).
- Workflows: "Ambassadeursverhalen" (Redactie → Akkoord ambassadeur → Goedkeuring Klaver CT)
  on /ambassadeurs/, and "Goedkeuring Klaver CT" on the root page for everything else.
- Wagtail's default "Editors"/"Moderators" groups (unused, with broad permissions) are
  removed if nobody is in them, and its default workflow is replaced.

Permissions are created here if missing: on a fresh database Django creates them only
after all migrations have run.
"""

from django.db import migrations

PAGE_PERMISSIONS = {
    "Marketing": ["add_page", "change_page"],
    "Moderatoren": ["change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    "Marketing": [
        ("wagtailimages", "image", ["add_image", "change_image", "delete_image", "choose_image"]),
        ("wagtaildocs", "document", ["add_document", "change_document", "delete_document", "choose_document"]),
    ],
    "Moderatoren": [
        ("wagtailimages", "image", ["choose_image"]),
        ("wagtaildocs", "document", ["choose_document"]),
    ],
}
MODEL_PERMISSIONS = {
    "Ambassadeurs": [("wagtailadmin", "admin", "access_admin")],
    "Marketing": [
        ("wagtailadmin", "admin", "access_admin"),
        ("ambassadors", "ambassadorpage", "invite_ambassador"),
    ],
    "Moderatoren": [("wagtailadmin", "admin", "access_admin")],
}
STORY_WORKFLOW = "Ambassadeursverhalen"
DEFAULT_WORKFLOW = "Goedkeuring Klaver CT"


def get_permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )
    return permission


def create_task(apps, model_name, name, **fields):
    ContentType = apps.get_model("contenttypes", "ContentType")
    model = apps.get_model("ambassadors", model_name)
    content_type, _ = ContentType.objects.get_or_create(app_label="ambassadors", model=model_name.lower())
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name, content_type=content_type, active=True, **fields)
    return task


def create_workflow(apps, name, tasks):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    for sort_order, task in enumerate(tasks):
        WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": sort_order})
    return workflow


def set_up(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")
    AmbassadorIndexPage = apps.get_model("ambassadors", "AmbassadorIndexPage")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ("Ambassadeurs", "Marketing", "Moderatoren")}
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    for group_name, permissions in MODEL_PERMISSIONS.items():
        for app_label, model, codename in permissions:
            groups[group_name].permissions.add(get_permission(apps, app_label, model, codename))
    for group_name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = get_permission(apps, "wagtailcore", "page", codename)
            GroupPagePermission.objects.get_or_create(group=groups[group_name], page=root_page, permission=permission)
    for group_name, entries in COLLECTION_PERMISSIONS.items():
        for app_label, model, codenames in entries:
            for codename in codenames:
                permission = get_permission(apps, app_label, model, codename)
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[group_name], collection=root_collection, permission=permission
                )

    editorial = create_task(apps, "ReviewGroupApprovalTask", "Redactie", editors_may_approve=True)
    editorial.groups.add(groups["Marketing"])
    consent = create_task(apps, "AmbassadorConsentTask", "Akkoord ambassadeur")
    approval = create_task(apps, "ReviewGroupApprovalTask", "Goedkeuring Klaver CT", editors_may_approve=False)
    approval.groups.add(groups["Moderatoren"])

    story_workflow = create_workflow(apps, STORY_WORKFLOW, [editorial, consent, approval])
    default_workflow = create_workflow(apps, DEFAULT_WORKFLOW, [approval])

    # Replace Wagtail's default "Moderators approval" workflow, and its unused groups.
    replaced = Workflow.objects.filter(name="Moderators approval")
    Task.objects.filter(workflow_tasks__workflow__in=replaced).exclude(pk__in=[approval.pk]).update(active=False)
    replaced.update(active=False)
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()

    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": default_workflow})
    for index_page in AmbassadorIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=index_page.pk, defaults={"workflow": story_workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0002_workflow_tasks"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
