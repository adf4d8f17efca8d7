"""
"Only their own story": how an ambassador gets to edit exactly one page.

We use Wagtail's own page permissions rather than ownership or a custom permission policy.
Every story gets a small group of its own, named after it ("Verhaal: Anje Bechtel", so
staff see in the user form whose story it is), holding one
`GroupPagePermission` ("change" on that story only) and the permissions to upload and
choose images in a collection of its own; the story's `ambassador_account` is its only
member. Why this one:

- Every admin view (editor, preview, revisions, compare, history, explorer, search,
  choosers, bulk actions, workflow actions) already asks Wagtail's page permission policy,
  so nothing can forget to apply a custom rule.
- Page ownership would need "add" permission, which also means "create pages"; and the
  owner of a story is whoever created it, usually Klaver CT staff.
- Staff can see and audit it in Settings → Groups like any other permission.

The group follows the page's `ambassador_account` and its title (kept in sync on save and by
the invitation). A story's group is found through its page permission, not its name, which
changes with the title. The shared "Ambassadeurs" group only gives access to the admin.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

STORY_GROUP_PREFIX = "Verhaal:"
STORY_COLLECTIONS_PARENT = "Ambassadeurs"
STORY_PAGE_PERMISSIONS = [("wagtailcore", "change_page")]
STORY_COLLECTION_PERMISSIONS = [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")]


def story_group_name(page, group=None):
    """ "Verhaal: <title>", with the page's id when another group already has that name."""
    name = f"{STORY_GROUP_PREFIX} {page.title}"[:130]
    others = Group.objects.filter(name=name)
    if group is not None:
        others = others.exclude(pk=group.pk)
    return f"{name} ({page.pk})" if others.exists() else name


def story_group(page):
    """The story's own group, or None."""
    return (
        Group.objects.filter(name__startswith=f"{STORY_GROUP_PREFIX} ", page_permissions__page=page)
        .order_by("pk")
        .first()
    )


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def story_collection(page, group):
    """The story's own image collection, under "Ambassadeurs", created on first use."""
    existing = Collection.objects.filter(group_permissions__group=group).first()
    if existing is not None:
        return existing
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=STORY_COLLECTIONS_PARENT).first()
    if parent is None:
        parent = root.add_child(name=STORY_COLLECTIONS_PARENT)
    return parent.add_child(name=f"{page.title} ({page.pk})")


@transaction.atomic
def sync_story_access(page):
    """Give the story's ambassador account, and nobody else, the story's own permissions."""
    group = story_group(page)
    if group is None:
        group = Group.objects.create(name=story_group_name(page))
    elif group.name not in {base := f"{STORY_GROUP_PREFIX} {page.title}"[:130], f"{base} ({page.pk})"}:
        group.name = story_group_name(page, group)
        group.save(update_fields=["name"])
    for app_label, codename in STORY_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=_permission(app_label, codename))
    collection = story_collection(page, group)
    for app_label, codename in STORY_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app_label, codename)
        )
    account = page.ambassador_account
    members = [account] if account is not None and account.is_active else []
    group.user_set.set(members)
    return group


def story_group_for_user(user):
    """The story groups a user belongs to (normally one)."""
    return user.groups.filter(name__startswith=f"{STORY_GROUP_PREFIX} ")
