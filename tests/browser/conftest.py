"""
End-to-end tests in Debian's Chromium, driven by Playwright, against pytest-django's live server.

They are skipped, with the reason, where no Chromium is installed. Screenshots go to
test-artifacts/ (git-ignored) so a CI run keeps them.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.content import build_public_site

ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_CANDIDATES = [os.environ.get("CHROMIUM_PATH", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser"]
# Flags for a closed network: no background calls home from the browser.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium():
    for candidate in CHROMIUM_CANDIDATES:
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    executable = find_chromium()
    if not executable:
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped.")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database
    # access stays synchronous, so Django's async-safety guard can stand down here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Django's connections are per context, and tests run in Playwright's context from here
    # on. Carry the test database's snapshot of migrated data over to the connections that
    # context opens, or `serialized_rollback` has nothing to restore after a flush.
    snapshots = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh browser context and page per test (no cookies shared between tests)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    # Close the page first: an open Wagtail editor keeps pinging its editing session, and a
    # request still in flight while the test database is flushed can lock SQLite's tables.
    page.close()
    context.close()


@pytest.fixture
def site(home_page, ambassador_index, school_index):
    """The small public site of tests/browser/content.py."""
    return build_public_site(home_page, ambassador_index, school_index)


@pytest.fixture
def artifacts_dir():
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


def pytest_collection_modifyitems(items):
    """
    Every browser test runs against the live server in a transactional test, whose teardown
    empties the database. With serialized rollback each one starts from the migrated data
    (locale, root page, groups) again, so browser tests do not depend on their order.
    """
    browser_dir = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.path)).resolve().parent == browser_dir:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
