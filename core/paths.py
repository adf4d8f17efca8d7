"""
The URL prefixes of the site's routes that are not Wagtail pages, named once.

`website/urls.py` mounts the views under them and the settings serve files under them;
middleware that must leave them alone (the page cache, the site context, the admin's
security policy) asks here, so a renamed prefix cannot leave a stale copy behind.
"""

ADMIN = "/admin/"
DOCUMENTS = "/documenten/"
SEARCH = "/zoeken/"
API = "/api/v2/"
CONTACT_FORM_TOKEN = "/contact-token/"  # noqa: S105 - a path, not a password
STORY_CHECK = "/verhaal-bevestigen/"  # the yearly "Klopt je verhaal nog?" link
APPOINTMENTS = "/afspraak/"  # the links in appointment emails (contact/urls.py)
STATIC = "/static/"
MEDIA = "/media/"


def route(prefix):
    """`prefix` as Django's `path()` takes it: without the leading slash."""
    return prefix.removeprefix("/")
