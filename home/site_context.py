"""
What every public page shows of its site, read from the shared cache.

Every page needs its Site (with the home page), the organisation settings (name and contact
details in the header and footer, the privacy page), the menu and the contact page's URL.
Read from the database that is five to six queries per request, about a third of an uncached
story page's time (docs/performance.md). They change only when an editor publishes, moves or
deletes a page at the top of the tree or saves the settings or a Site, so one entry per
host in the shared cache (Redis in production) holds them all.

Invalidation uses a generation key, as the page cache does (core/cache_versions.py): an
entry records the generation it was built under, and every change above bumps it
(home/signals.py). A request reads the entry and the generation in one round trip, so an
entry built from data that changed while it was being built is never used.

It also holds the tree paths where the site's view restrictions start
(core.queries.restricted_roots): for the rest of a public request core.visibility knows them,
so the view-restriction check of the page served and the public-page conditions of its
queries test paths instead of asking the database. Every change that can hide a page bumps the
generation: a view restriction saved or deleted, a page moved or deleted, an alias saved
(home/signals.py), also once more when the transaction commits.

Only public GET and HEAD requests use it; the admin always reads the database.
"""

import logging
from contextlib import suppress
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http.request import split_domain_port
from wagtail.models import Site, get_page_models

from core import cache_versions, paths, wagtail_internals
from core.queries import public_pages, restricted_roots
from core.visibility import is_public, restricted_roots_known

logger = logging.getLogger(__name__)

GENERATION_KEY = "site-context:generation"
# Part of every entry's key: change it when SiteContext changes, so a deployment never reads
# an entry an older version of the code stored.
FORMAT = 3
SKIPPED_PREFIXES = (paths.ADMIN, paths.STATIC, paths.MEDIA)
TIMEOUT = 60 * 60


@dataclass
class MenuItem:
    title: str
    url: str
    url_path: str


@dataclass
class SiteContext:
    site: Site
    organisation: object  # home.models.OrganisationSettings, its privacy page loaded
    menu: list[MenuItem] = field(default_factory=list)
    contact_url: str = ""
    privacy_url: str = ""
    site_root_paths: list = field(default_factory=list)
    # Where view restrictions start (core.queries.restricted_roots): every page at or below.
    restricted_roots: tuple = ()


def _entry_key(request):
    # get_host() checks ALLOWED_HOSTS: no entries for made-up host names.
    hostname = split_domain_port(request.get_host())[0]
    return f"site-context:{FORMAT}:{hostname}:{request.get_port()}"


def site_link_page_types(link):
    """The page types that give every page's header and footer the link `link` (core.pages.SitePage)."""
    return [model for model in get_page_models() if getattr(model, "site_link", None) == link]


def first_public_page(page_types, root):
    """The first live, public page of `page_types` in the site under `root` (a query per type until found)."""
    for page_type in page_types:
        page = public_pages(page_type.objects.live().descendant_of(root, inclusive=True)).first()
        if page is not None:
            return page
    return None


def build(request):
    """The site context for `request`, from the database."""
    from home.models import OrganisationSettings

    site = Site.find_for_request(request)
    if site is None:
        return None
    # The home page in its specific type, so routing needs no query for it.
    site.root_page = site.root_page.specific
    organisation = OrganisationSettings.for_site(site)
    privacy_page = organisation.privacy_page
    menu_pages = public_pages(site.root_page.get_children().live().in_menu())
    contact_page = first_public_page(site_link_page_types("contact"), site.root_page)
    return SiteContext(
        site=site,
        organisation=organisation,
        menu=[MenuItem(page.title, page.get_url(request), page.url_path) for page in menu_pages],
        contact_url=contact_page.get_url(request) if contact_page else "",
        # A draft or restricted privacy page is not linked (the contact form and every footer link it).
        privacy_url=privacy_page.get_url(request) if privacy_page and is_public(privacy_page) else "",
        site_root_paths=Site.get_site_root_paths(),
        restricted_roots=restricted_roots(),
    )


def for_request(request):
    """The site context of the request, cached on it; None when no site serves the host."""
    if not hasattr(request, "_site_context"):
        request._site_context = _load(request)
    return request._site_context


def _load(request):
    key = _entry_key(request)
    try:
        values = cache.get_many([key, GENERATION_KEY])
    except Exception:
        logger.warning("Site context: cache unavailable", exc_info=True)
        return build(request)
    stamp = cache_versions.read(values, [GENERATION_KEY])
    entry = values.get(key)
    if entry is not None and entry["stamp"] == stamp:
        return entry["context"]
    context = build(request)
    try:
        stamp = cache_versions.versions_to_store(stamp, [GENERATION_KEY])
        if stamp is not None:
            cache.set(key, {"stamp": stamp, "context": context}, TIMEOUT)
    except Exception:
        logger.warning("Site context: could not store it", exc_info=True)
    return context


def invalidate():
    """
    Make every stored site context stale (a menu page, the settings, a Site or a view
    restriction changed): now, and again once the change is committed, since a request that
    read the database before the commit may store an entry under the new generation.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump():
    try:
        cache_versions.bump([GENERATION_KEY])
    except Exception:
        logger.exception("Site context: could not clear it")


class SiteContextMiddleware:
    """
    Gives a public GET its Site, site settings and site root paths from the site context, so
    Wagtail's `Site.find_for_request`, `OrganisationSettings.for_request` and page URLs need no
    query or cache round trip of their own, and makes its restricted tree paths known for the
    request (core.visibility).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not request.path.startswith(SKIPPED_PREFIXES):
            # A host name outside ALLOWED_HOSTS: CommonMiddleware answers it with a 400.
            context = None
            with suppress(DisallowedHost):
                context = self._attach(request)
            if context is not None:
                with restricted_roots_known(context.restricted_roots):
                    return self.get_response(request)
        return self.get_response(request)

    def _attach(self, request):
        from home.models import OrganisationSettings

        context = for_request(request)
        if context is None:
            return None
        wagtail_internals.remember_site(request, context.site)
        wagtail_internals.remember_site_root_paths(request, context.site_root_paths)
        wagtail_internals.remember_settings_request(context.organisation, request)
        setattr(request, OrganisationSettings.get_cache_attr_name(), context.organisation)
        return context
