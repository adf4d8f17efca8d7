"""The Content-Security-Policy in a real browser: the public site and Wagtail's admin work under it."""

import pytest
from django.contrib.auth import get_user_model

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory, video

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records every violation the browser reports, in every frame.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def story(ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, title="Kingschool", place="Denekamp")
    return AmbassadorPageFactory(
        parent=ambassador_index,
        title="Magda Nijmeijer",
        slug="magda-nijmeijer",
        school=school,
        body=[video("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Bekijk de videoreferentie van Magda")],
    )


def violations(page):
    found = []
    for frame in page.frames:
        try:
            found += frame.evaluate("window.__cspViolations || []")
        except Exception:  # noqa: S112 - a frame from another origin cannot be read, and is not ours
            continue
    return found


def test_public_story_runs_under_the_policy(live_server, browser_page, story):
    browser_page.add_init_script(RECORD_VIOLATIONS)
    browser_page.route("**/*youtube*/**", lambda route: route.abort())
    response = browser_page.goto(live_server.url + story.url)
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]

    # The site's own script works: the video facade turns into the player on click.
    browser_page.get_by_role("button", name="Video afspelen").click()
    assert browser_page.locator("iframe").count() == 1
    assert violations(browser_page) == []

    # An injected inline script without the nonce is refused.
    browser_page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__injected = true';"
        " document.body.appendChild(s); }"
    )
    assert browser_page.evaluate("window.__injected === undefined")
    assert any(v.startswith("script-src") for v in violations(browser_page))


def test_admin_editor_and_preview_work_under_the_admin_policy(live_server, browser_page, story):
    get_user_model().objects.create_superuser("redacteur", "r@example.test", "wachtwoord-42")
    browser_page.add_init_script(RECORD_VIOLATIONS)
    browser_page.route("**/*youtube*/**", lambda route: route.abort())

    browser_page.goto(live_server.url + "/admin/login/")
    browser_page.fill("input[name=username]", "redacteur")
    browser_page.fill("input[name=password]", "wachtwoord-42")
    browser_page.locator("form button[type=submit]").first.click()
    browser_page.wait_for_url(live_server.url + "/admin/")

    browser_page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    browser_page.wait_for_load_state("networkidle")
    # The editor's scripts ran: the StreamField blocks are drawn by JavaScript.
    assert browser_page.locator("[data-streamfield-stream-container], .w-panel").count() > 0
    assert browser_page.locator("#id_title").input_value() == "Magda Nijmeijer"

    # The preview panel frames the page from the same origin.
    browser_page.locator("[data-side-panel-toggle='preview']").click()
    preview = browser_page.frame_locator("iframe[id*='preview']")
    assert preview.locator("h1").inner_text(timeout=15_000) == "Magda Nijmeijer"
    assert violations(browser_page) == []
