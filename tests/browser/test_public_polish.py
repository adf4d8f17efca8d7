"""
Public-site details found by trying the site in Chromium (issue 16): the filter selects show
their whole text at 1280 px, portraits on phone cards are not cut off, and a contact form
sent back with errors puts the focus on the summary of what to fix.
"""

import pytest

from ambassadors.factories import AmbassadorPageFactory
from home.factories import ImageFactory
from tests.browser.support import load_lazy_images

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The room a select's own arrow takes beside its text, in Chromium.
SELECT_ARROW_PX = 20
# The text of each select's chosen option, measured in the select's own font, and the room it has.
SELECT_ROOM = """select => {
    const style = getComputedStyle(select);
    const context = document.createElement("canvas").getContext("2d");
    context.font = style.font;
    return {
        text: select.options[select.selectedIndex].text,
        needed: context.measureText(select.options[select.selectedIndex].text).width,
        room: select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
    };
}"""


def open_page(chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_the_filter_selects_show_their_whole_text_at_1280px(live_server, chromium, site, artifacts_dir):
    context, page = open_page(chromium, 1280)
    try:
        page.goto(live_server.url + "/ambassadeurs/")
        page.locator(".filters").screenshot(path=artifacts_dir / "filters-1280px.png")
        selects = page.locator(".filters select")
        assert selects.count() >= 3
        for index in range(selects.count()):
            room = selects.nth(index).evaluate(SELECT_ROOM)
            assert room["needed"] + SELECT_ARROW_PX <= room["room"], room
    finally:
        context.close()


def test_portraits_on_phone_cards_are_whole_squares(live_server, chromium, site, artifacts_dir):
    index = site["overview"]
    school = site["school"]
    AmbassadorPageFactory(
        parent=index,
        title="Gerrit Oosterhuis",
        slug="gerrit-oosterhuis",
        school=school,
        portrait=ImageFactory(file__width=640, file__height=640, file__color="#4a7bb0"),
        quote=(
            "Sinds we ouders elke maand uitnodigen, weten we veel beter wat er thuis speelt en wat kinderen "
            "nodig hebben."
        ),
    )
    AmbassadorPageFactory(
        parent=index,
        title="Wendy Wolters",
        slug="wendy-wolters",
        school=school,
        portrait=None,
        quote="Ouders en leerkrachten zijn samen verantwoordelijk, en dat merk je elke dag in de klas en op het plein.",
    )
    context, page = open_page(chromium, 375)
    try:
        page.goto(live_server.url + "/ambassadeurs/")
        load_lazy_images(page)
        page.screenshot(path=artifacts_dir / "cards-375px.png", full_page=True)
        images = page.locator(".card__image")
        assert images.count() == 6
        assert page.locator(".card__image--empty").count() == 1
        for number in range(images.count()):
            box = images.nth(number).bounding_box()
            # Square renditions in a square box: nothing of the portrait is cropped away.
            assert abs(box["width"] - box["height"]) < 1, box
    finally:
        context.close()


def test_focus_moves_to_the_error_summary_after_a_failed_submit(live_server, browser_page, contact_page, artifacts_dir):
    page = browser_page
    page.goto(live_server.url + contact_page.url)
    page.get_by_label("Je naam").fill("Jeroen de Vries")
    page.get_by_label("Je vraag").fill("?")
    page.get_by_role("button", name="Verstuur je verzoek").click()
    page.wait_for_load_state("load")

    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.matches('[data-error-summary]')")
    assert "Niet alles is goed ingevuld." in summary.inner_text()
    assert "Je vraag: Je vraag is te kort." in summary.inner_text()
    page.screenshot(path=artifacts_dir / "contact-error-summary.png", full_page=True)

    # Its links lead to the fields.
    summary.get_by_role("link", name="Je vraag: Je vraag is te kort", exact=False).click()
    assert page.evaluate("document.activeElement.id") == "id_question"
