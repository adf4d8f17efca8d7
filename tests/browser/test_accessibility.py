"""
Automated accessibility check with axe-core (vendored in tests/browser/vendor/, see its README)
against WCAG 2.0/2.1 A and AA rules. No serious or critical violation may be found.

axe finds about a third of WCAG problems; the other tests check headings, labels and focus.
"""

import json

import pytest

from tests.browser.support import BLOCKING_IMPACTS, describe, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_public_pages_have_no_serious_accessibility_violations(live_server, chromium, site, artifacts_dir, width):
    pages = {
        "home": "/",
        "overzicht": "/ambassadeurs/",
        "overzicht-gefilterd": "/ambassadeurs/?concept=onbekend&provincie=overijssel",
        "verhaal": site["story"].url,
        "school": site["school"].url,
        "bestuur": site["board"].url,
        "zoeken": "/zoeken/?q=ouders",
        "zoeken-leeg": "/zoeken/?q=",
    }
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    browser_page = context.new_page()
    report = {}
    try:
        for name, path in pages.items():
            browser_page.goto(live_server.url + path)
            results = run_axe(browser_page)
            report[name] = results["violations"]
    finally:
        context.close()
    (artifacts_dir / f"axe-{width}px.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))

    blocking = {
        name: [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]
        for name, violations in report.items()
    }
    assert not any(blocking.values()), "\n".join(
        f"{name}:\n{describe(violations)}" for name, violations in blocking.items() if violations
    )


def test_axe_does_find_a_violation(live_server, browser_page, site):
    """The check itself works: an image without alt text on the page is reported."""
    browser_page.goto(live_server.url + "/")
    browser_page.evaluate(
        "() => { const image = document.createElement('img'); image.src = '/x.png';"
        " document.querySelector('main').append(image); }"
    )

    violations = run_axe(browser_page)["violations"]

    assert "image-alt" in [violation["id"] for violation in violations]


def test_skip_link_and_visible_focus(live_server, browser_page, site):
    browser_page.goto(live_server.url + site["story"].url)

    browser_page.keyboard.press("Tab")
    skip_link = browser_page.get_by_role("link", name="Direct naar de inhoud")
    assert skip_link.evaluate("link => link === document.activeElement")
    assert skip_link.is_visible()
    outline = skip_link.evaluate("link => getComputedStyle(link).outlineStyle")
    assert outline != "none"

    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"


def test_headings_are_in_order(live_server, browser_page, site):
    for path in ["/", "/ambassadeurs/", site["story"].url, site["school"].url, "/zoeken/?q=ouders"]:
        browser_page.goto(live_server.url + path)
        levels = browser_page.evaluate(
            "Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map(h => Number(h.tagName[1]))"
        )
        assert levels.count(1) == 1, path
        assert levels[0] == 1, path
        skips = [(before, after) for before, after in zip(levels, levels[1:], strict=False) if after > before + 1]
        assert not skips, f"{path}: {levels}"
