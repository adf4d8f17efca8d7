"""
`manage.py load_demo_content`: build the demo site from nothing.

Creates the page tree, schools, ambassador stories, placeholder images, site settings and a
demo superuser. Idempotent: whatever already exists (looked up by slug, title or username) is
left alone, so a second run changes nothing. The content itself lives in demo/content.py.

In development (DEBUG) it also creates one user per role, so each can be tried: an
ambassador linked to a demo story, Marketing, Moderatoren and Secretariaat. Their passwords
are random, printed once and kept in var/demo-passwords.txt (readable by the owner only);
with production settings (DEBUG off) no such user is made. In development it also points the
default Site at the address the server runs on (WAGTAILADMIN_BASE_URL, which `make run` sets
from HOST and PORT), so canonical URLs and the links in emails lead to this server.
"""

import os
import secrets
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from ambassadors.invitations import link_account
from ambassadors.models import AmbassadorIndexPage, AmbassadorPage, SchoolIndexPage, SchoolPage
from contact.models import ContactPage
from demo import content
from demo.images import get_or_create_logo, get_or_create_portrait
from home.models import ContentPage, HomePage, HomePageFeaturedStory, OrganisationSettings

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@example.com"
# Holds the demo admin's generated password (mode 0600), under settings.VAR_DIR.
LOGIN_FILENAME = "demo-admin-password.txt"
# One demo user per role, in development only: (username, group, first name, last name).
ROLE_USERS = [
    ("ambassadeur", "Ambassadeurs", "Anje", "Bechtel"),
    ("marketing", "Marketing", "Mara", "Marketing"),
    ("moderator", "Moderatoren", "Mo", "Moderator"),
    ("secretariaat", "Secretariaat", "Saskia", "Secretariaat"),
]
ROLE_STORY = "anje-bechtel"  # the story the demo ambassador edits
ROLE_PASSWORDS_FILENAME = "demo-passwords.txt"


class Command(BaseCommand):
    help = "Load the demo site: pages, schools, ambassador stories, images and an admin user. Safe to run again."

    def handle(self, *args, **options):
        self.created = Counter()
        self.present = Counter()
        self.changes = []  # what was changed besides creating objects
        self.hints = []  # where to log in
        with transaction.atomic():
            user = self.ensure_admin()
            home, home_is_new = self.ensure_home()
            pages = self.ensure_pages(home, user)
            if home_is_new:
                self.finish_home(home, pages, user)
            self.ensure_site(home)
            self.ensure_settings(pages)
            self.ensure_role_users(pages, user)
        self.report()

    # Users

    def ensure_admin(self):
        user_model = get_user_model()
        user = user_model.objects.filter(username=ADMIN_USERNAME).first()
        password_file = Path(settings.VAR_DIR) / LOGIN_FILENAME
        if user:
            self.count("users", created=False)
            if settings.DEBUG and password_file.exists():
                where = display(password_file)
                self.hints.append(f"Log in at /admin/ as {ADMIN_USERNAME} with the password in {where}.")
            return user
        password = secrets.token_urlsafe(12)
        user = user_model.objects.create_superuser(ADMIN_USERNAME, ADMIN_EMAIL, password)
        write_private_file(password_file, password + "\n")
        self.count("users", created=True)
        if settings.DEBUG:
            self.hints.append(
                f"Log in at /admin/ as {ADMIN_USERNAME} with password {password} "
                f"(also saved in {display(password_file)})."
            )
        else:
            self.hints.append(f"Created superuser {ADMIN_USERNAME}; its password is in {display(password_file)}.")
        return user

    def ensure_role_users(self, pages, admin):
        """One user per group, with a random password printed once; in development only."""
        if not settings.DEBUG:
            self.hints.append("No demo users per role: they are made in development (DEBUG) only.")
            return
        user_model = get_user_model()
        password_file = Path(settings.VAR_DIR) / ROLE_PASSWORDS_FILENAME
        new_lines = []
        for username, group, first_name, last_name in ROLE_USERS:
            if user_model.objects.filter(username=username).exists():
                self.count("users", created=False)
                continue
            password = secrets.token_urlsafe(12)
            user = user_model.objects.create_user(
                username, f"{username}@example.com", password, first_name=first_name, last_name=last_name
            )
            user.groups.add(Group.objects.get(name=group))
            if group == "Ambassadeurs":
                link_account(pages[ROLE_STORY], user, linked_by=admin)
            new_lines.append(f"{username} ({group}): {password}")
            self.count("users", created=True)
        if new_lines:
            previous = password_file.read_text() if password_file.exists() else ""
            write_private_file(password_file, previous + "".join(f"{line}\n" for line in new_lines))
            self.hints.append("Demo users per role (passwords shown once, also in " + display(password_file) + "):")
            self.hints += [f"  {line}" for line in new_lines]
        elif password_file.exists():
            self.hints.append(f"Demo users per role: their passwords are in {display(password_file)}.")

    # Pages

    def ensure_home(self):
        """
        The home page, created under the tree root if missing.

        A new home page gets its revision only in finish_home(), once the stories and the
        page its call to action points to exist, so that it ends up with exactly one revision.
        """
        home = HomePage.objects.first()
        if home:
            self.count("pages", created=False)
            return home, False
        data = content.HOME
        home = HomePage(
            title=data["title"],
            slug=data["slug"],
            hero_title=data["hero_title"],
            hero_text=data["hero_text"],
            introduction=data["introduction"],
            cta_title=data["cta_title"],
            cta_text=data["cta_text"],
        )
        Page.get_first_root_node().add_child(instance=home)
        self.count("pages", created=True)
        return home, True

    def ensure_pages(self, home, user):
        """Every page below the home page; returns them by slug."""
        pages = {}
        for model, data in [(AmbassadorIndexPage, content.AMBASSADOR_INDEX), (SchoolIndexPage, content.SCHOOL_INDEX)]:
            pages[data["slug"]] = self.ensure_child(home, model, data, user)
        for data in content.CONTENT_PAGES:
            pages[data["slug"]] = self.ensure_child(home, ContentPage, data, user)
        pages[content.CONTACT_PAGE["slug"]] = self.ensure_child(home, ContactPage, content.CONTACT_PAGE, user)

        for data in content.SCHOOLS:
            fields = {key: value for key, value in data.items() if key != "initials"}
            page = self.ensure_child(pages[content.SCHOOL_INDEX["slug"]], SchoolPage, fields, user, image=data)
            pages[data["slug"]] = page

        for data in content.AMBASSADORS:
            fields = {**data, "school": pages[data["school"]]}
            parent = pages[content.AMBASSADOR_INDEX["slug"]]
            pages[data["slug"]] = self.ensure_child(parent, AmbassadorPage, fields, user, image=data)
        return pages

    def ensure_child(self, parent, model, fields, user, image=None):
        """The child of `parent` with this slug, or a new, published page made from `fields`."""
        existing = parent.get_children().filter(slug=fields["slug"]).specific().first()
        if existing:
            self.count("pages", created=False)
            return existing
        if image:
            fields = {**fields, **self.images_for(model, image)}
        page = model(**fields)
        parent.add_child(instance=page)
        # Setting up the site from the command line, not an edit: no workflow (core/permissions.py).
        page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
        self.count("pages", created=True)
        return page

    def images_for(self, model, data):
        """The generated logo of a school, or the portrait of an ambassador, as model fields."""
        if model is SchoolPage:
            image, created = get_or_create_logo(data["title"], data["initials"], data["slug"])
            field = "logo"
        else:
            image, created = get_or_create_portrait(data["title"], data["slug"])
            field = "portrait"
        self.count("images", created=created)
        return {field: image}

    def finish_home(self, home, pages, user):
        """Point the new home page at its featured stories and call to action, then publish it."""
        home = HomePage.objects.get(pk=home.pk)  # fresh tree fields after adding the children
        home.cta_page = pages[content.HOME["cta_page"]]
        home.featured_stories = [
            HomePageFeaturedStory(story=pages[slug], sort_order=index)
            for index, slug in enumerate(content.HOME["featured_stories"])
        ]
        home.save_revision(user=user).publish(user=user, skip_permission_checks=True)

    # Site and settings

    def ensure_site(self, home):
        """Point the default site at the home page and remove Wagtail's welcome page."""
        hostname, port = server_address()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site, created = Site.objects.get_or_create(
                hostname=hostname,
                port=port,
                defaults={"root_page": home, "is_default_site": True, "site_name": content.SITE_NAME},
            )
            self.count("sites", created=created)
        if settings.DEBUG and (site.hostname, site.port) != (hostname, port):
            # Development: the canonical URLs and the email links lead to the server that runs.
            site.hostname, site.port = hostname, port
            site.save()
            self.changes.append(f"Pointed the default site at {site.root_url}/ (WAGTAILADMIN_BASE_URL).")
        if site.root_page_id != home.pk or not site.site_name:
            site.root_page = home
            site.site_name = site.site_name or content.SITE_NAME
            site.save()
            self.changes.append(f"Pointed the default site ({site.hostname}:{site.port}) at the home page.")
        else:
            self.count("sites", created=False)

        welcome_pages = Page.objects.filter(
            depth=2,
            slug="home",
            numchild=0,
            content_type=ContentType.objects.get_for_model(Page),
        )
        for page in welcome_pages:
            if not Site.objects.filter(root_page=page).exists():
                self.changes.append(f'Deleted Wagtail\'s default page "{page.title}".')
                page.delete()

    def ensure_settings(self, pages):
        """Fill in the organisation settings of the default site where they are still empty."""
        organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
        values = {**content.ORGANISATION, "privacy_page": pages[content.PRIVACY_PAGE]}
        changed = [name for name, value in values.items() if not getattr(organisation, name) and value]
        for name in changed:
            setattr(organisation, name, values[name])
        if changed:
            organisation.save()
            self.changes.append(f"Filled in organisation settings: {', '.join(changed)}.")
        else:
            self.count("organisation settings", created=False)

    # Output

    def count(self, kind, created):
        (self.created if created else self.present)[kind] += 1

    def report(self):
        kinds = list(dict.fromkeys([*self.created, *self.present]))
        for kind in kinds:
            created, present = self.created[kind], self.present[kind]
            self.stdout.write(f"{kind.capitalize()}: {created} created, {present} already present")
        for line in [*self.changes, *self.hints]:
            self.stdout.write(line)
        if self.created or self.changes:
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo content was already loaded; nothing changed."))


def server_address():
    """
    The default site's host name and port: in development the address the server runs on
    (WAGTAILADMIN_BASE_URL), else Wagtail's own default (localhost, port 80).
    """
    if not settings.DEBUG:
        return "localhost", 80
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return address.hostname or "localhost", address.port or (443 if address.scheme == "https" else 80)


def write_private_file(path, text):
    """Write `text` to `path`, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # os.open's mode applies only to a new file
    with os.fdopen(descriptor, "w") as file:
        file.write(text)


def display(path):
    """`path` relative to the project directory where possible, e.g. var/demo-admin-password.txt."""
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)
