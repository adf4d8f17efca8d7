"""
The demo site (`manage.py load_demo_content`) in a real browser: the real stories, with their
videos, portraits and logos, pass the same accessibility check and fit a phone.
"""

import io

import pytest
from django.core.management import call_command

from tests.browser.support import BLOCKING_IMPACTS, describe, load_lazy_images, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DEMO_PAGES = {
    "home": "/",
    "overzicht": "/ambassadeurs/",
    "verhaal": "/ambassadeurs/magda-nijmeijer/",
    "school": "/scholen/kingschool/",
    "bestuur": "/scholen/sooog/",
    "zoeken": "/zoeken/?q=ouders",
}


@pytest.fixture
def demo_site(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # where the command writes the demo admin's password
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.mark.parametrize("width", [375, 1280])
def test_demo_pages_are_accessible_and_fit_the_screen(live_server, chromium, demo_site, artifacts_dir, width):
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    blocking = {}
    try:
        for name, path in DEMO_PAGES.items():
            response = page.goto(live_server.url + path)
            assert response.status, path
            assert response.status == 200, path
            load_lazy_images(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            page.screenshot(path=artifacts_dir / f"demo-{name}-{width}px.png", full_page=True)
            violations = run_axe(page)["violations"]
            blocking[name] = [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]
    finally:
        context.close()

    assert not any(blocking.values()), "\n".join(
        f"{name}:\n{describe(violations)}" for name, violations in blocking.items() if violations
    )
