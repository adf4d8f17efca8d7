"""Helpers the browser tests share: logging in, the axe-core accessibility check and waiting for lazy images."""

from pathlib import Path

from tests.support.users import PASSWORD

AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def run_axe(page):
    # Evaluated through the browser's DevTools protocol: a <script> tag added to the page
    # would be refused by the site's Content-Security-Policy (no inline script without nonce).
    page.evaluate(AXE_SCRIPT.read_text())
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )


def describe(violations):
    return "\n".join(
        f"{violation['impact']}: {violation['id']} – {violation['help']} "
        f"({', '.join(node['target'][0] for node in violation['nodes'][:3])})"
        for violation in violations
    )


def load_lazy_images(page):
    """Scroll to the bottom so lazy images load, then wait until every image is there."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    # Polled from here: wait_for_function compiles its predicate with eval() inside the page,
    # which the site's Content-Security-Policy refuses.
    for _ in range(150):
        if page.evaluate("Array.from(document.images).every(image => image.complete && image.naturalWidth > 0)"):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("Images did not load within 15 s")
    page.evaluate("window.scrollTo(0, 0)")


def log_in(page, base_url, username):
    """Log in through the admin's own login form and wait for the dashboard."""
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(base_url + "/admin/")
