"""The public site in a real browser: layouts at phone and laptop widths, filters, sharing."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import load_lazy_images

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = {"phone": 375, "laptop": 1280}


def open_page(chromium, width, **context_options):
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL", **context_options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.mark.parametrize("device", list(WIDTHS))
def test_overview_and_story_fit_the_screen(live_server, chromium, site, artifacts_dir, device):
    width = WIDTHS[device]
    context, page = open_page(chromium, width)
    try:
        for name, path in [("overzicht", "/ambassadeurs/"), ("verhaal", site["story"].url)]:
            page.goto(live_server.url + path)
            load_lazy_images(page)

            # Nothing sticks out sideways: no horizontal scrolling on a phone.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=artifacts_dir / f"{name}-{width}px.png", full_page=True)

            if name == "overzicht":
                cards = page.locator(".card")
                assert cards.count() == 4
                assert cards.first.is_visible()
                boxes = [cards.nth(index).bounding_box() for index in range(2)]
                side_by_side = boxes[0]["y"] == boxes[1]["y"]
                # One column on a phone, several on a laptop.
                assert side_by_side is (device == "laptop")
                # Portraits load as WebP renditions.
                assert ".webp" in page.locator(".card__image").first.evaluate("image => image.currentSrc")
            else:
                assert page.get_by_role("heading", level=1).inner_text() == "Magda Nijmeijer"
                assert page.get_by_role("heading", name="De school", exact=True).is_visible()
                assert page.get_by_role("link", name="Vraag contact aan met Magda Nijmeijer").is_visible()
                main_box = page.locator(".story__main").bounding_box()
                aside_box = page.locator(".story__aside").bounding_box()
                # The side column sits beside the story on a laptop, below it on a phone.
                assert (aside_box["x"] > main_box["x"]) is (device == "laptop")
    finally:
        context.close()


def test_filters_work_without_javascript(live_server, chromium, site):
    context, page = open_page(chromium, 1280, java_script_enabled=False)
    try:
        page.goto(live_server.url + "/ambassadeurs/")
        page.get_by_label("Onderwijsconcept").select_option("montessori")
        page.get_by_role("button", name="Toon verhalen").click()

        # A click does not wait for the page it submits to: wait for its address.
        page.wait_for_url("**/ambassadeurs/?concept=montessori&provincie=&plaats=&populatie=")
        assert page.locator(".card__title").all_inner_texts() == ["Femmy Sassen"]

        page.get_by_role("link", name="Alle filters wissen").click()
        page.wait_for_url(live_server.url + "/ambassadeurs/")
        assert page.locator(".card").count() == 4
        # Without JavaScript there is no copy button to confuse anyone.
        page.goto(live_server.url + site["story"].url)
        assert not page.get_by_role("button", name="Kopieer link").is_visible()
    finally:
        context.close()


def test_copy_link_button_copies_the_story_address(live_server, chromium, site):
    context, page = open_page(chromium, 1280)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    try:
        page.goto(live_server.url + site["story"].url)
        button = page.get_by_role("button", name="Kopieer link")
        expected = button.get_attribute("data-copy-link")

        button.click()

        feedback = page.get_by_role("status").filter(has_text="gekopieerd")
        assert feedback.inner_text() == "De link is gekopieerd. Plak hem in een bericht of e-mail."
        assert page.evaluate("navigator.clipboard.readText()") == expected
        assert expected.endswith("/ambassadeurs/magda-nijmeijer/")
    finally:
        context.close()


def test_search_from_the_header_finds_text_in_an_answer(live_server, browser_page, site):
    browser_page.goto(live_server.url + "/")

    browser_page.get_by_label("Zoek op de site").fill("koffieochtend")
    browser_page.get_by_label("Zoek op de site").press("Enter")

    browser_page.wait_for_url("**/zoeken/?q=koffieochtend")
    results = browser_page.locator(".search-results__item")
    assert results.count() == 1
    assert results.first.locator("mark").first.inner_text() == "koffieochtend"
    results.first.get_by_role("link", name="Magda Nijmeijer").click()
    expect(browser_page.get_by_role("heading", level=1)).to_have_text("Magda Nijmeijer")
