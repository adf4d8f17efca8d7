"""The secretariat's inbox in the Wagtail admin, exercised through the admin's own views."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.db.models.signals import pre_save
from django.utils import timezone

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from contact.factories import ContactRequestFactory
from contact.models import ContactRequest, ContactRequestStatusChange, ContactStatus
from tests.support.users import make_user

pytestmark = pytest.mark.django_db

INDEX = "/admin/contact/contactrequest/"


def inspect_url(contact_request):
    return f"{INDEX}inspect/{contact_request.pk}/"


def edit_url(contact_request):
    return f"{INDEX}edit/{contact_request.pk}/"


def delete_url(contact_request):
    return f"{INDEX}delete/{contact_request.pk}/"


def inbox_user(group_name, username=None):
    """A member of `group_name` (the groups and their admin access come from the data migrations)."""
    return make_user(username or group_name.lower(), group_name, first_name="Sanne", last_name=group_name)


@pytest.fixture
def story(ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, title="Basisschool De Wielerbaan")
    return AmbassadorPageFactory(parent=ambassador_index, title="Femmy Sassen", school=school)


@pytest.fixture
def request_about_story(story):
    return ContactRequestFactory(
        ambassador=story, name="Pieter Bakker", organisation="CBS De Regenboog", question="Mag ik langskomen?"
    )


def test_secretariaat_group_is_created_by_migration_with_least_privilege():
    codenames = set(Group.objects.get(name="Secretariaat").permissions.values_list("codename", flat=True))

    assert codenames == {
        "access_admin",
        "view_contactrequest",
        "change_contactrequest",
        # The outbox of emails, with retry (contact/migrations/0004_outbox_permissions.py).
        "view_outboxmessage",
        "change_outboxmessage",
        # Planning appointments with ambassadors (contact/migrations/0006_secretariat_plans_appointments.py).
        "plan_appointment",
        "view_appointment",
    }
    assert set(Group.objects.get(name="Marketing").permissions.values_list("codename", flat=True)) >= {
        "view_contactrequest"
    }
    assert "change_contactrequest" not in Group.objects.get(name="Marketing").permissions.values_list(
        "codename", flat=True
    )


@pytest.mark.parametrize("group", ["Secretariaat", "Moderatoren", "Marketing"])
def test_inbox_groups_see_menu_list_and_detail(client, request_about_story, group):
    client.force_login(inbox_user(group))

    dashboard = client.get("/admin/")
    listing = client.get(INDEX)
    detail = client.get(inspect_url(request_about_story))

    assert "Contactverzoeken" in dashboard.text
    assert listing.status_code == 200
    assert "Pieter Bakker" in listing.text
    assert "Femmy Sassen" in listing.text
    assert "nog niet verstuurd" in listing.text
    assert detail.status_code == 200
    assert "Mag ik langskomen?" in detail.text
    # Plain Dutch, not wagtail-modeladmin's "Bezig met inspecteren" (locale/nl/LC_MESSAGES/django.po).
    assert "Bekijken" in detail.text and "Terug naar het overzicht" in detail.text
    assert "inspecteren" not in detail.text


def test_ambassador_never_sees_requests_not_even_about_themselves(client, request_about_story, story):
    ambassador = inbox_user("Ambassadeurs", username="femmy")
    story.ambassador_account = ambassador
    story.save()
    client.force_login(ambassador)

    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200  # they do have the admin, for their own story
    assert "Contactverzoeken" not in dashboard.text

    for url in [
        INDEX,
        f"{INDEX}?export=csv",
        inspect_url(request_about_story),
        edit_url(request_about_story),
        delete_url(request_about_story),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Pieter Bakker" not in response.text, url

    client.post(edit_url(request_about_story), {"status": ContactStatus.DONE, "internal_note": "weg"})
    client.post(delete_url(request_about_story))
    request_about_story.refresh_from_db()
    assert request_about_story.status == ContactStatus.NEW


def test_marketing_reads_but_cannot_change_or_delete(client, request_about_story):
    client.force_login(inbox_user("Marketing"))

    listing = client.get(INDEX)
    edit_page = client.get(edit_url(request_about_story))
    client.post(edit_url(request_about_story), {"status": ContactStatus.DECLINED, "internal_note": "nee"})
    client.post(delete_url(request_about_story))

    assert edit_url(request_about_story) not in listing.text
    assert edit_page.status_code in (302, 403)
    assert 'name="internal_note"' not in edit_page.text
    request_about_story.refresh_from_db()
    assert request_about_story.status == ContactStatus.NEW
    assert request_about_story.internal_note == ""


def test_secretariat_cannot_delete_and_nobody_creates_requests_in_admin(client, request_about_story, admin_user):
    client.force_login(inbox_user("Secretariaat"))
    assert client.post(delete_url(request_about_story)).status_code in (302, 403)
    assert ContactRequest.objects.filter(pk=request_about_story.pk).exists()

    client.force_login(admin_user)
    assert client.get(f"{INDEX}create/").status_code in (302, 403)
    assert f"{INDEX}create/" not in client.get(INDEX).text


def test_moderator_can_delete(client, request_about_story):
    client.force_login(inbox_user("Moderatoren"))

    response = client.post(delete_url(request_about_story))

    assert response.status_code == 302
    assert not ContactRequest.objects.filter(pk=request_about_story.pk).exists()


def test_status_changes_record_note_and_who_changed_it(client, request_about_story):
    secretary = inbox_user("Secretariaat", username="sanne")
    client.force_login(secretary)

    edit_form = client.get(edit_url(request_about_story))
    assert 'name="status"' in edit_form.text
    assert 'name="internal_note"' in edit_form.text
    assert 'name="question"' not in edit_form.text  # what the visitor sent is not editable

    response = client.post(
        edit_url(request_about_story),
        {"status": ContactStatus.SCHEDULED, "internal_note": "Afspraak met Femmy op 3 maart, 15.00 uur."},
    )
    assert response.status_code == 302
    client.post(
        edit_url(request_about_story),
        {"status": ContactStatus.DONE, "internal_note": "Afspraak met Femmy op 3 maart, 15.00 uur."},
    )

    request_about_story.refresh_from_db()
    assert request_about_story.status == ContactStatus.DONE
    assert request_about_story.status_changed_by == secretary
    assert request_about_story.status_changed_at is not None
    changes = list(request_about_story.status_changes.order_by("pk").values_list("old_status", "new_status", "note"))
    assert changes == [
        ("nieuw", "ingepland", "Afspraak met Femmy op 3 maart, 15.00 uur."),
        ("ingepland", "afgerond", ""),
    ]
    assert ContactRequestStatusChange.objects.filter(changed_by=secretary).count() == 2

    detail = client.get(inspect_url(request_about_story)).text
    assert "Nieuw → Ingepland" in detail
    assert re.search(r"Toestemming voor opslag</dt>\s*<dd[^>]*>ja</dd>", detail)
    assert "Sanne Secretariaat" in detail


def test_status_change_keeps_delivery_state_recorded_meanwhile(client, request_about_story):
    """The retry command may record a delivery while the secretariat saves; the save keeps it."""
    client.force_login(inbox_user("Secretariaat"))
    ContactRequest.objects.filter(pk=request_about_story.pk).update(secretariat_notified_at=None)
    delivered_at = timezone.now()

    def retry_records_delivery(sender, instance, **kwargs):
        # Runs after the edit view loaded the request and before it writes: the race window.
        ContactRequest.objects.filter(pk=instance.pk).update(secretariat_notified_at=delivered_at)

    pre_save.connect(retry_records_delivery, sender=ContactRequest)
    try:
        client.post(edit_url(request_about_story), {"status": ContactStatus.SCHEDULED, "internal_note": ""})
    finally:
        pre_save.disconnect(retry_records_delivery, sender=ContactRequest)

    request_about_story.refresh_from_db()
    assert request_about_story.status == ContactStatus.SCHEDULED
    assert request_about_story.secretariat_notified_at == delivered_at


def test_invalid_status_is_refused(client, request_about_story):
    client.force_login(inbox_user("Secretariaat"))

    response = client.post(edit_url(request_about_story), {"status": "gearchiveerd", "internal_note": ""})

    assert response.status_code == 200
    request_about_story.refresh_from_db()
    assert request_about_story.status == ContactStatus.NEW
    assert not request_about_story.status_changes.exists()


def test_filters_and_search(client, story):
    ContactRequestFactory(name="Anna Nieuw", status=ContactStatus.NEW, ambassador=story)
    ContactRequestFactory(name="Bram Ingepland", status=ContactStatus.SCHEDULED)
    ContactRequestFactory(name="Carla Zoekbaar", organisation="Jenaplanschool Het Anker")
    client.force_login(inbox_user("Secretariaat"))

    by_status = client.get(INDEX, {"status__exact": "ingepland"}).text
    by_ambassador = client.get(INDEX, {"ambassadeur": story.pk}).text
    by_search = client.get(INDEX, {"q": "Het Anker"}).text

    assert "Bram Ingepland" in by_status
    assert "Anna Nieuw" not in by_status
    assert "Anna Nieuw" in by_ambassador
    assert "Bram Ingepland" not in by_ambassador
    assert "Carla Zoekbaar" in by_search
    assert "Anna Nieuw" not in by_search
    without_ambassador = client.get(INDEX, {"ambassadeur": "geen"}).text
    assert "Bram Ingepland" in without_ambassador
    assert "Anna Nieuw" not in without_ambassador
    malformed = client.get(INDEX, {"ambassadeur": "x'--"})
    assert malformed.status_code == 200
    assert "Anna Nieuw" in malformed.text


def test_csv_export_of_the_filtered_list(client, story):
    received = timezone.make_aware(timezone.datetime(2026, 3, 2, 9, 30))
    ContactRequestFactory(
        name="Anna Nieuw",
        email="anna@school.example",
        organisation='=HYPERLINK("http://evil.example")',
        phone="+31 6 12345678",
        ambassador=story,
        created_at=received,
    )
    ContactRequestFactory(name="Bram Afgerond", status=ContactStatus.DONE)
    client.force_login(inbox_user("Marketing"))

    response = client.get(INDEX, {"status__exact": "nieuw", "export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="contactverzoeken.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["Naam"] == "Anna Nieuw"
    assert row["E-mailadres"] == "anna@school.example"
    assert row["Ontvangen op"] == "2026-03-02 09:30"
    assert row["Status"] == "Nieuw"
    assert row["Ambassadeur"] == "Femmy Sassen"
    assert row["Toestemming voor opslag"] == "ja"
    assert row["Telefoonnummer"] == "+31 6 12345678"
    # A spreadsheet would run this as a formula; the export neutralises it.
    assert row["School of organisatie"] == '\'=HYPERLINK("http://evil.example")'


def test_xlsx_export_stores_formula_as_text(client, story):
    from openpyxl import load_workbook

    ContactRequestFactory(name="Anna", organisation="=1+1", ambassador=story)
    client.force_login(inbox_user("Secretariaat"))

    response = client.get(INDEX, {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    organisation = sheet.cell(row=2, column=headings.index("School of organisatie") + 1)
    assert organisation.value == "=1+1"
    assert organisation.data_type == "s"


def test_xss_payload_is_escaped_in_admin_list_and_detail(client, story):
    payload = "<script>alert('inbox')</script>"
    contact_request = ContactRequestFactory(
        name=payload, organisation=payload, question=f"Vraag {payload}", internal_note=payload, ambassador=story
    )
    client.force_login(inbox_user("Secretariaat"))

    listing = client.get(INDEX).text
    detail = client.get(inspect_url(contact_request)).text

    for html in (listing, detail):
        assert payload not in html
        assert "&lt;script&gt;alert(&#x27;inbox&#x27;)&lt;/script&gt;" in html


def test_list_query_count_does_not_grow_with_requests(client, story, django_assert_max_num_queries):
    client.force_login(inbox_user("Secretariaat"))
    ContactRequestFactory.create_batch(3, ambassador=story)
    client.get(INDEX)  # warm caches (permissions, site)
    with django_assert_max_num_queries(40) as few:
        client.get(INDEX)
    ContactRequestFactory.create_batch(20, ambassador=story)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(INDEX)


INBOX_VIEWS = ["index", "csv", "xlsx", "inspect", "history", "edit", "delete"]
# What each role may open; everything else is refused without showing the request.
ALLOWED_VIEWS = {
    "Secretariaat": {"index", "csv", "xlsx", "inspect", "history", "edit"},
    "Marketing": {"index", "csv", "xlsx", "inspect", "history"},
    "Moderatoren": set(INBOX_VIEWS),
    "Ambassadeurs": set(),
    "Alleen beheer": set(),  # a user with access_admin and nothing else
}


def inbox_view_url(view, contact_request):
    return {
        "index": INDEX,
        "csv": f"{INDEX}?export=csv",
        "xlsx": f"{INDEX}?export=xlsx",
        "inspect": inspect_url(contact_request),
        "history": f"{INDEX}history/{contact_request.pk}/",
        "edit": edit_url(contact_request),
        "delete": delete_url(contact_request),
    }[view]


@pytest.mark.parametrize("group", ALLOWED_VIEWS)
def test_every_inbox_view_follows_the_inbox_permissions(client, request_about_story, group):
    request_about_story.email = "pieter.bakker@regenboog.example"
    request_about_story.save()
    # A status change by the secretariat, so the history has an entry to show.
    client.force_login(inbox_user("Secretariaat", username="sanne"))
    client.post(edit_url(request_about_story), {"status": ContactStatus.SCHEDULED, "internal_note": "Gebeld."})
    client.force_login(inbox_user(group, username="bezoeker-van-de-inbox"))

    for view in INBOX_VIEWS:
        response = client.get(inbox_view_url(view, request_about_story))
        if view in ALLOWED_VIEWS[group]:
            assert response.status_code == 200, view
        else:
            assert response.status_code in (302, 403), view
            body = response.content.decode(errors="replace")
            for private in ("Pieter Bakker", "pieter.bakker@regenboog.example", "Mag ik langskomen?"):
                assert private not in body, (view, private)
    if group == "Marketing":
        history = client.get(inbox_view_url("history", request_about_story))
        assert "Pieter Bakker" in history.text  # the view shows the request; only who may see it gets it
