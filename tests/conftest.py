import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from ambassadors.factories import (
    AmbassadorIndexPageFactory,
    SchoolIndexPageFactory,
    SchoolPageFactory,
)
from home.factories import HomePageFactory
from tests.support.pages import live_story, redacteur
from tests.support.smtp_servers import SMTPServer
from tests.support.users import AMBASSADORS, MARKETING, MODERATORS, make_superuser, make_user
from tests.support.worker import queue_tasks


@pytest.fixture(autouse=True)
def clear_cache():
    # The local-memory cache outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


def wagtail_tree_root():
    """
    The tree root, with the locale and default site Wagtail's migrations create. A
    transactional test (live server, browser) empties the database when it ends, so the next
    one may find none of them.
    """
    root = Page.get_first_root_node()
    if root is None:
        # The content types went with the rest; forget the ids Django remembers for them.
        ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = root or Page.add_root(instance=Page(title="Root", slug="root", live=True))
    Site.objects.get_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": root})
    return root


@pytest.fixture
def home_page(db):
    """A home page serving as the root of the default site."""
    home = HomePageFactory(parent=wagtail_tree_root(), slug="glans")
    Site.objects.filter(is_default_site=True).update(root_page=home, site_name="Glans-techniek")
    return home


@pytest.fixture
def ambassador_index(home_page):
    return AmbassadorIndexPageFactory(parent=home_page)


@pytest.fixture
def school_index(home_page):
    return SchoolIndexPageFactory(parent=home_page)


@pytest.fixture
def contact_page(home_page):
    """/contact/ with the secretariat's address set in the site settings."""
    from contact.factories import ContactPageFactory
    from home.models import OrganisationSettings

    organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.secretariat_email = "secretariaat@klaverct.example"
    organisation.secretariat_phone = "074 250 00 00"
    organisation.save()
    return ContactPageFactory(parent=home_page)


@pytest.fixture
def school(school_index):
    return SchoolPageFactory(parent=school_index, title="Kingschool", place="Denekamp")


# Users in the roles the data migrations create (tests/support/users.py). pytest-django's own
# `admin_user` and `admin_client` are a superuser "admin" and a client logged in as it.


@pytest.fixture
def anje(db):
    return make_user("anje", AMBASSADORS, first_name="Anje", last_name="Bechtel")


@pytest.fixture
def magda(db):
    return make_user("magda", AMBASSADORS, first_name="Magda", last_name="Nijmeijer")


@pytest.fixture
def marketing(db):
    return make_user("marketing", MARKETING)


@pytest.fixture
def marketing2(db):
    return make_user("marketing2", MARKETING)


@pytest.fixture
def moderator(db):
    return make_user("moderator", MODERATORS)


@pytest.fixture
def moderator2(db):
    return make_user("moderator2", MODERATORS)


@pytest.fixture
def superuser(db):
    """A superuser of the site's own ("beheer"), in the workflow like everyone else."""
    return make_superuser("beheer")


@pytest.fixture
def editor(db):
    """The superuser "redacteur", who also submits pages for review in setup (submit_for_review)."""
    return redacteur()


# Two live stories, each with its own ambassador.


@pytest.fixture
def anje_story(ambassador_index, school, anje):
    return live_story(
        ambassador_index, school, anje, "Anje Bechtel", "anje-bechtel", "<p>We volgen samen de lessen.</p>"
    )


@pytest.fixture
def magda_story(ambassador_index, school, magda):
    return live_story(
        ambassador_index, school, magda, "Magda Nijmeijer", "magda-nijmeijer", "<p>Ouders zijn partners.</p>"
    )


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd) as the mail server the worker delivers to."""
    server = SMTPServer().start()
    # Should anything in this process try to send, it would reach this server and be counted.
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 2
    yield server
    server.stop()


@pytest.fixture
def queued_tasks(settings):
    """Tasks go to the database queue and emails to the outbox, as in production (tests/support/worker.py)."""
    queue_tasks(settings)


def pytest_collection_modifyitems(items):
    """
    Every transactional test (live server, browser, worker, load tests) starts from the data the
    migrations created (groups, workflows, content types) and leaves the database empty: Django's
    serialized rollback. Without it, the flush after one such test is followed by post_migrate,
    which on PostgreSQL recreates content types under new ids, and the next test that restores
    the migrations' data (the worker tests) cannot load them back.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        transactional = kwargs.get("transaction") or {"live_server", "transactional_db"} & set(item.fixturenames)
        if transactional and not kwargs.get("serialized_rollback"):
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)
