"""The simplest path a visitor takes, in a real browser."""

import pytest

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory, video

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_story_video_facade_loads_player_only_after_click(live_server, browser_page, ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, title="Kingschool", place="Denekamp")
    story = AmbassadorPageFactory(
        parent=ambassador_index,
        title="Magda Nijmeijer",
        school=school,
        body=[video("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Bekijk de videoreferentie van Magda")],
    )
    requested = []
    browser_page.on("request", lambda request: requested.append(request.url))
    browser_page.route("**/*youtube*/**", lambda route: route.abort())

    browser_page.goto(live_server.url + story.url)

    assert browser_page.locator("h1").inner_text() == "Magda Nijmeijer"
    assert browser_page.locator("iframe").count() == 0
    assert not [url for url in requested if "youtube" in url]

    browser_page.get_by_role("button", name="Video afspelen").click()

    iframe = browser_page.locator("iframe")
    assert iframe.count() == 1
    assert iframe.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
