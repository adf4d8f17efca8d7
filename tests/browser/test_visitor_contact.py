"""A visitor asks for contact from a story; the secretariat schedules it in the inbox. In Chromium."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from contact.models import ContactRequest

# serialized_rollback: the groups and locale made by migrations survive the flush between tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def story(ambassador_index, school_index, contact_page):
    school = SchoolPageFactory(parent=school_index, title="OBS Harry Bannink", place="Hengelo")
    return AmbassadorPageFactory(parent=ambassador_index, title="Ine Koenders", school=school)


def test_visitor_asks_for_contact_and_secretariat_schedules_it(live_server, browser_page, story, artifacts_dir):
    page = browser_page
    page.goto(live_server.url + story.url)
    section = page.locator("section.story-contact")
    assert section.get_by_role("heading", name="Persoonlijk contact met Ine Koenders?").is_visible()

    # The honeypot is out of sight for people (bots still find it in the HTML).
    box = section.locator('input[name="website"]').bounding_box()
    assert box is None or box["x"] + box["width"] <= 0

    # Submitting with a mistake: the errors appear in Dutch next to the fields on /contact/,
    # with the ambassador still chosen and the typed text kept.
    section.get_by_label("Je naam").fill("Jeroen de Vries")
    section.get_by_label("Je e-mailadres").fill("jeroen@")
    section.get_by_label("Je vraag").fill("Hoe begonnen jullie met de ouders?")
    section.get_by_role("button", name="Verstuur je verzoek").click()

    # A click does not wait for the page it submits to: wait for that page.
    page.wait_for_url(live_server.url + "/contact/")
    assert page.locator("h1").inner_text() == "Persoonlijk contact met Ine Koenders"
    assert page.locator("#id_email_error").inner_text() == "Vul een geldig e-mailadres in."
    assert page.locator("#id_organisation_error").inner_text() == "Vul je school of organisatie in."
    assert page.get_by_label("Je vraag").input_value() == "Hoe begonnen jullie met de ouders?"
    assert page.get_by_label("Met wie wil je contact?").input_value() == str(story.pk)
    page.screenshot(path=artifacts_dir / "contact-form-errors.png", full_page=True)

    page.get_by_label("Je e-mailadres").fill("jeroen@obs-de-esch.example")
    page.get_by_label("School of organisatie").fill("OBS De Esch")
    page.get_by_label("Je functie").fill("Directeur")
    page.get_by_label("Telefonisch").check()
    page.get_by_label("Je telefoonnummer (niet verplicht)").fill("074 123 45 67")
    page.get_by_label("Ik geef toestemming").check()
    page.get_by_role("button", name="Verstuur je verzoek").click()

    expect(page.locator("h1")).to_have_text("Bedankt voor je verzoek")
    contact_request = ContactRequest.objects.get()
    assert f"#{contact_request.pk}" in page.locator("main").inner_text()
    assert contact_request.ambassador_id == story.pk
    assert contact_request.preferred_contact == "telefoon"
    assert sorted(message.to[0] for message in mail.outbox) == [
        "jeroen@obs-de-esch.example",
        "secretariaat@klaverct.example",
    ]
    page.screenshot(path=artifacts_dir / "contact-thanks.png", full_page=True)

    # The secretariat logs in, finds the request in the inbox and schedules it.
    secretary = get_user_model().objects.create_user(username="sanne", password="wachtwoord-voor-test")
    secretary.groups.add(Group.objects.get(name="Secretariaat"))
    page.goto(live_server.url + "/admin/login/")
    page.locator('input[name="username"]').fill("sanne")
    page.locator('input[name="password"]').fill("wachtwoord-voor-test")
    page.locator('button[type="submit"]').click()
    page.get_by_role("link", name="Contactverzoeken").click()

    row = page.locator("tbody tr").first
    assert "Jeroen de Vries" in row.inner_text()
    assert "Ine Koenders" in row.inner_text()
    assert "Nieuw" in row.inner_text()
    page.screenshot(path=artifacts_dir / "contact-inbox.png", full_page=True)

    row.get_by_role("link", name="Jeroen de Vries").click()
    page.get_by_role("combobox", name="Status").select_option("ingepland")
    page.get_by_role("textbox", name="Interne notitie").fill("Ine belt op 3 maart.")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.locator("tbody tr").first).to_contain_text("Ingepland")
    contact_request.refresh_from_db()
    assert contact_request.status == "ingepland"
    assert contact_request.status_changed_by == secretary
    assert contact_request.internal_note == "Ine belt op 3 maart."
