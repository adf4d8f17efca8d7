"""Users in the roles the data migrations create (groups with admin access and their permissions)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "Glans-w8woord!"

# The groups of ambassadors/migrations/0003_workflow_setup.py and contact/migrations/0002_inbox_groups.py.
AMBASSADORS = "Ambassadeurs"
MARKETING = "Marketing"
MODERATORS = "Moderatoren"
SECRETARIAT = "Secretariaat"


def make_user(username, *group_names, **fields):
    """A user in the named groups, with PASSWORD unless `password` is given."""
    fields.setdefault("email", f"{username}@example.nl")
    fields.setdefault("first_name", username.capitalize())
    fields.setdefault("password", PASSWORD)
    user = get_user_model().objects.create_user(username=username, **fields)
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


def make_superuser(username, email=None, password=PASSWORD):
    return get_user_model().objects.create_superuser(username, email or f"{username}@example.nl", password)
