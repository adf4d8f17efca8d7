"""The contact form on /contact/ and on story pages: storing, emails, validation, spam, escaping."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from wagtail.models import ReferenceIndex

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from ambassadors.models import AmbassadorPage
from contact.factories import contact_form_data
from contact.models import ContactRequest, ContactStatus

pytestmark = pytest.mark.django_db

XSS_NAME = '<script>alert("naam")</script>'
XSS_QUESTION = '<img src=x onerror=alert("vraag")> Hoe </textarea><b>werkt</b> het?'


@pytest.fixture
def story(ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, title="Kingschool", place="Denekamp")
    return AmbassadorPageFactory(parent=ambassador_index, title="Magda Nijmeijer", school=school)


def html_part(message):
    (content, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return content


def test_valid_request_from_story_is_stored_with_ambassador_and_both_emails_sent(client, contact_page, story):
    response = client.post(contact_page.url, contact_form_data(ambassador=story.pk))

    assert response.status_code == 302
    assert response["Location"] == "/contact/bedankt/"
    contact_request = ContactRequest.objects.get()
    assert contact_request.ambassador == story
    assert contact_request.ambassador_name == "Magda Nijmeijer"
    assert contact_request.name == "Jeroen de Vries"
    assert contact_request.status == ContactStatus.NEW
    assert contact_request.consent is True
    assert contact_request.secretariat_notified_at is not None
    assert contact_request.visitor_notified_at is not None
    assert contact_request.last_notification_error == ""

    to_secretariat, to_visitor = mail.outbox
    assert to_secretariat.to == ["secretariaat@klaverct.example"]
    assert to_secretariat.reply_to == ["jeroen@obs-de-esch.example"]
    assert f"Contactverzoek #{contact_request.pk} van Jeroen de Vries" == to_secretariat.subject
    assert "Ambassadeur: Magda Nijmeijer" in to_secretariat.body
    assert "eerste ouderavond" in to_secretariat.body
    assert f"http://testserver/admin/contact/contactrequest/inspect/{contact_request.pk}/" in to_secretariat.body
    assert to_visitor.to == ["jeroen@obs-de-esch.example"]
    assert to_visitor.reply_to == ["secretariaat@klaverct.example"]
    assert "Dank je wel voor je verzoek om contact met Magda Nijmeijer." in to_visitor.body
    assert "074 250 00 00" in to_visitor.body
    assert "Magda Nijmeijer" in html_part(to_visitor)

    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert f"#{contact_request.pk}" in confirmation.text
    assert "Je vroeg om contact met Magda Nijmeijer." in confirmation.text


def test_confirmation_names_the_request_without_a_session_and_is_never_cached(client, contact_page, story, settings):
    settings.PAGE_CACHE_SECONDS = 600
    response = client.post(contact_page.url, contact_form_data(ambassador=story.pk))
    contact_request = ContactRequest.objects.get()

    # No session: the visitor's next pages still come from the page cache, and nothing is
    # written for one. A signed cookie for the confirmation page only says which request it was.
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    cookie = response.cookies["contact_confirmed"]
    assert cookie["path"] == "/contact/bedankt/" and cookie["httponly"]
    confirmation = client.get(response["Location"])
    assert f"Je referentienummer is <strong>#{contact_request.pk}</strong>" in confirmation.text
    assert "no-store" in confirmation["Cache-Control"]

    # Another visitor, or one who altered the cookie, sees the general thanks.
    client.cookies["contact_confirmed"] = f"{contact_request.pk + 1}:forged"
    forged = client.get(response["Location"])
    assert forged.status_code == 200
    assert "referentienummer" not in forged.text
    assert "Bedankt voor je verzoek" in forged.text


def test_request_is_not_listed_among_the_story_s_usages(client, contact_page, story):
    client.post(contact_page.url, contact_form_data(ambassador=story.pk))

    assert ContactRequest.objects.filter(ambassador=story).exists()
    # The admin's usage listing of the story (Wagtail's reference index) knows nothing of it.
    assert (
        not ReferenceIndex.get_references_to(story)
        .filter(content_type=ContentType.objects.get_for_model(ContactRequest))
        .exists()
    )


def test_request_without_ambassador_is_stored(client, contact_page):
    response = client.post(contact_page.url, contact_form_data())

    assert response.status_code == 302
    contact_request = ContactRequest.objects.get()
    assert contact_request.ambassador is None
    assert "Ambassadeur: geen voorkeur" in mail.outbox[0].body
    assert "Dank je wel voor je contactverzoek." in mail.outbox[1].body


def test_secretariat_address_falls_back_to_setting(client, contact_page, settings):
    from home.models import OrganisationSettings

    OrganisationSettings.objects.update(secretariat_email="")
    settings.CONTACT_SECRETARIAT_EMAIL = "fallback@klaverct.example"

    client.post(contact_page.url, contact_form_data())

    assert mail.outbox[0].to == ["fallback@klaverct.example"]


def test_without_any_secretariat_address_request_is_kept_and_marked(client, contact_page, settings):
    from home.models import OrganisationSettings

    OrganisationSettings.objects.update(secretariat_email="")
    settings.CONTACT_SECRETARIAT_EMAIL = ""

    response = client.post(contact_page.url, contact_form_data())

    assert response.status_code == 302
    contact_request = ContactRequest.objects.get()
    assert contact_request.secretariat_notified_at is None
    assert "No secretariat email address" in contact_request.last_notification_error
    # The visitor still gets a confirmation.
    assert [message.to for message in mail.outbox] == [["jeroen@obs-de-esch.example"]]


def test_story_page_shows_form_for_its_ambassador(client, contact_page, story):
    response = client.get(story.url)

    assert response.status_code == 200
    html = response.text
    assert "Persoonlijk contact met Magda Nijmeijer?" in html
    assert '<form class="contact-form" method="post" action="/contact/"' in html
    assert f'<input type="hidden" name="ambassador" value="{story.pk}">' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_story_page_without_contact_page_shows_secretariat(client, story, home_page):
    from home.models import OrganisationSettings

    # The row exists already: home/signals.py creates every site's settings up front.
    OrganisationSettings.objects.update_or_create(
        site_id=home_page.get_site().pk, defaults={"secretariat_email": "sec@klaverct.example"}
    )

    html = client.get(story.url).text

    assert "Persoonlijk contact met Magda Nijmeijer?" in html
    assert "contact-form" not in html
    assert "mailto:sec@klaverct.example" in html


def test_ambassador_parameter_preselects_ambassador(client, contact_page, story):
    response = client.get(f"{contact_page.url}?ambassadeur={story.pk}")

    assert response.status_code == 200
    assert "<h1>Persoonlijk contact met Magda Nijmeijer</h1>" in response.text
    assert re.search(rf'<option value="{story.pk}" selected>Magda Nijmeijer \(Kingschool\)</option>', response.text)


def test_choice_of_ambassador_is_built_without_loading_a_page_per_story(
    client, contact_page, story, ambassador_index, school_index, monkeypatch
):
    draft_school = SchoolPageFactory(parent=school_index, title="De Verborgen School")
    AmbassadorPageFactory(parent=ambassador_index, title="Anje Bechtel", school=draft_school)
    draft_school.unpublish()
    from_db = AmbassadorPage.from_db
    loaded = []
    monkeypatch.setattr(AmbassadorPage, "from_db", classmethod(lambda cls, *a: loaded.append(1) or from_db(*a)))

    response = client.get(contact_page.url)

    # The options come from plain values: a page object per story made the form's cost grow
    # with every story (docs/performance.md). What they show stays the same: a school that
    # is not public is never named.
    assert loaded == []
    assert '<option value="" selected>Geen voorkeur: iemand van Klaver CT</option>' in response.text
    assert f'<option value="{story.pk}">Magda Nijmeijer (Kingschool)</option>' in response.text
    assert re.search(r'<option value="\d+">Anje Bechtel</option>', response.text)
    assert "Verborgen" not in response.text


def test_empty_form_fields_are_rendered_once_and_labelled_for_their_inputs(client, contact_page, story):
    client.get(contact_page.url)

    response = client.get(contact_page.url, {"ambassadeur": story.pk})

    # Django renders each field through several templates; an empty form's fields are the same
    # every time, so /contact/ reuses them as the story pages do (contact.forms.unbound_form_fields).
    assert "contact/includes/contact_form_fields.html" not in [template.name for template in response.templates]
    assert '<label for="id_name">' in response.text and 'id="id_name"' in response.text
    assert 'id="story-contact-name"' not in response.text
    assert f'<option value="{story.pk}" selected>Magda Nijmeijer (Kingschool)</option>' in response.text


@pytest.mark.parametrize("value", ["abc", "-1", "1 OR 1=1", "99999999", "", "%00"])
def test_unknown_or_malformed_ambassador_parameter_is_ignored(client, contact_page, story, value):
    response = client.get(contact_page.url, {"ambassadeur": value})

    assert response.status_code == 200
    assert "<h1>Contact</h1>" in response.text
    assert "selected>Magda" not in response.text


def test_draft_story_cannot_be_chosen(client, contact_page, story):
    story.unpublish()

    page = client.get(f"{contact_page.url}?ambassadeur={story.pk}")
    response = client.post(contact_page.url, contact_form_data(ambassador=story.pk))

    assert "Magda Nijmeijer" not in page.text
    assert response.status_code == 200
    assert "Kies een ambassadeur uit de lijst." in response.text
    assert not ContactRequest.objects.exists()


INVALID_INPUT = [
    ("name", "", "Vul je naam in."),
    ("name", "J" * 101, "Gebruik hoogstens 100 tekens (nu 101)."),
    ("name", "Jan\r\nBcc: spam@example.com", "Gebruik geen regeleinden of andere stuurtekens."),
    ("email", "", "Vul je e-mailadres in."),
    ("email", "jeroen@", "Vul een geldig e-mailadres in."),
    ("email", "j" * 250 + "@x.nl", "Gebruik hoogstens 254 tekens (nu 255)."),
    ("phone", "bel me maar", "Vul een geldig telefoonnummer in"),
    ("phone", "0" * 31, "Gebruik hoogstens 30 tekens (nu 31)."),
    ("organisation", "", "Vul je school of organisatie in."),
    ("organisation", "S" * 151, "Gebruik hoogstens 150 tekens (nu 151)."),
    ("organisation", "OBS\tDe Esch", "Gebruik geen regeleinden of andere stuurtekens."),
    ("role", "", "Vul je functie in."),
    ("role", "R" * 101, "Gebruik hoogstens 100 tekens (nu 101)."),
    ("question", "", "Vul je vraag in."),
    ("question", "?" * 2001, "Gebruik hoogstens 2000 tekens (nu 2001)."),
    ("question", "?", "Je vraag is te kort. Schrijf in een paar woorden wat je wilt weten of bespreken"),
    ("question", "  Hoe?   ", "(minstens 10 tekens)."),
    ("question", "Null\x00byte", "Null-tekens zijn niet toegestaan."),
    ("preferred_contact", "fax", "Selecteer een geldige keuze."),
    ("preferred_contact", "", "Kies hoe je benaderd wilt worden."),
    ("preferred_time", "T" * 201, "Gebruik hoogstens 200 tekens (nu 201)."),
    ("consent", None, "Zonder je toestemming kunnen we je verzoek niet in behandeling nemen."),
    ("ambassador", "123456", "Kies een ambassadeur uit de lijst."),
    ("ambassador", "abc", "Kies een ambassadeur uit de lijst."),
]


@pytest.mark.parametrize(("field", "value", "message"), INVALID_INPUT)
def test_invalid_input_is_refused_with_dutch_error_next_to_the_field(client, contact_page, field, value, message):
    data = contact_form_data(**{field: value})

    response = client.post(contact_page.url, data)

    assert response.status_code == 200
    html = response.text
    # The error list Django renders for this field, right by the field (id_<field>_error).
    error_list = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    assert error_list, f"no error list for {field}"
    assert message in error_list.group(1).replace("&quot;", '"')
    assert "Niet alles is goed ingevuld." in html
    assert not ContactRequest.objects.exists()
    assert mail.outbox == []


def test_phone_required_when_phone_contact_preferred(client, contact_page):
    response = client.post(contact_page.url, contact_form_data(preferred_contact="telefoon", phone=""))

    assert "Vul je telefoonnummer in als je telefonisch benaderd wilt worden." in response.text
    assert not ContactRequest.objects.exists()


def test_invalid_form_keeps_what_visitor_typed(client, contact_page):
    response = client.post(contact_page.url, contact_form_data(email="fout", question="Mijn lange vraag"))

    assert "Mijn lange vraag</textarea>" in response.text
    assert 'value="Jeroen de Vries"' in response.text


def test_honeypot_stores_and_sends_nothing_but_looks_like_success(client, contact_page):
    response = client.post(contact_page.url, contact_form_data(website="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == "/contact/bedankt/"
    assert not ContactRequest.objects.exists()
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people(client, contact_page):
    html = client.get(contact_page.url).text

    honeypot = re.search(r'<div class="contact-form__hp" aria-hidden="true">(.*?)</div>', html, re.S)
    assert honeypot
    assert 'name="website"' in honeypot.group(1)
    assert 'tabindex="-1"' in honeypot.group(1)


def test_rate_limit_per_client_with_dutch_message_and_input_kept(client, contact_page, settings):
    settings.CONTACT_RATE_LIMIT = (2, 3600)

    for number in range(2):
        assert client.post(contact_page.url, contact_form_data(name=f"Bezoeker {number}")).status_code == 302
    response = client.post(contact_page.url, contact_form_data(name="Derde Bezoeker"))

    assert response.status_code == 429
    assert "Je hebt het formulier kort achter elkaar vaak verstuurd." in response.text
    assert "secretariaat@klaverct.example" in response.text
    assert 'value="Derde Bezoeker"' in response.text
    assert ContactRequest.objects.count() == 2

    other_client = client.post(contact_page.url, contact_form_data(name="Ander Adres"), REMOTE_ADDR="10.0.0.2")
    assert other_client.status_code == 302
    assert ContactRequest.objects.count() == 3


def test_rate_limit_behind_proxy_uses_address_proxy_saw(client, contact_page, settings):
    settings.CONTACT_RATE_LIMIT = (1, 3600)
    settings.TRUSTED_PROXY_COUNT = 1

    first = client.post(contact_page.url, contact_form_data(), HTTP_X_FORWARDED_FOR="203.0.113.5")
    # A forged entry in front changes nothing: the proxy appended the real address.
    forged = client.post(contact_page.url, contact_form_data(), HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    other = client.post(contact_page.url, contact_form_data(), HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert (first.status_code, forged.status_code, other.status_code) == (302, 429, 302)
    assert ContactRequest.objects.count() == 2


def test_failed_validation_does_not_use_up_the_allowance(client, contact_page, settings):
    settings.CONTACT_RATE_LIMIT = (1, 3600)

    for _ in range(3):
        client.post(contact_page.url, contact_form_data(email="fout"))
    response = client.post(contact_page.url, contact_form_data())

    assert response.status_code == 302
    assert ContactRequest.objects.count() == 1


def test_xss_payload_is_escaped_in_pages_and_html_email(client, contact_page):
    client.post(contact_page.url, contact_form_data(name=XSS_NAME, question=XSS_QUESTION))

    contact_request = ContactRequest.objects.get()
    # Stored as the visitor typed it: text, not cleaned HTML.
    assert contact_request.name == XSS_NAME
    assert contact_request.question == XSS_QUESTION
    for message in mail.outbox:
        html = html_part(message)
        assert "<script>" not in html
        assert "<img" not in html
        assert "<b>werkt</b>" not in html
        assert "&lt;img src=x onerror=alert(&quot;vraag&quot;)&gt;" in html
    assert "&lt;script&gt;alert(&quot;naam&quot;)&lt;/script&gt;" in html_part(mail.outbox[0])
    # The plain-text part is text: it shows what was typed, verbatim.
    assert XSS_QUESTION in mail.outbox[0].body

    invalid = client.post(contact_page.url, contact_form_data(name=XSS_NAME, question=XSS_QUESTION, email="x"))
    assert "<script>alert" not in invalid.text
    assert "&lt;/textarea&gt;&lt;b&gt;werkt&lt;/b&gt;" in invalid.text
