"""The outbox in the admin: who sees it (never ambassadors), what it shows, and retrying a failed email."""

import pytest
from django_tasks_db.models import DBTaskResult

from core.models import OutboxMessage
from tests.support.users import make_user

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/outbox/"


@pytest.fixture
def failed_message():
    return OutboxMessage.objects.create(
        from_email="noreply@klaverct.example",
        to=["jeroen@obs-de-esch.example"],
        subject="We hebben je contactverzoek ontvangen (#7)",
        body="Zet je wachtwoord: http://testserver/admin/password_reset/confirm/abc/geheim-token/",
        status=OutboxMessage.Status.FAILED,
        attempts=8,
        last_error="SMTPRecipientsRefused: 554 5.7.1 Relay access denied",
    )


def inspect_url(message):
    return f"/admin/outbox/inspect/{message.pk}/"


def retry_url(message):
    return f"/admin/outbox/retry/{message.pk}/"


@pytest.mark.usefixtures("queued_tasks")
@pytest.mark.parametrize("group", ["Secretariaat", "Moderatoren"])
def test_staff_with_the_permission_see_status_and_error_and_can_retry(client, failed_message, group):
    client.force_login(make_user("staf", group))

    listing = client.get(LIST_URL).content.decode()
    assert "We hebben je contactverzoek ontvangen (#7)" in listing
    assert "Mislukt" in listing
    assert "Relay access denied" in listing

    details = client.get(inspect_url(failed_message)).content.decode()
    assert "Opnieuw proberen" in details
    assert "geheim-token" not in details  # the text can carry a password link: never shown

    response = client.post(retry_url(failed_message), follow=True)
    assert "weer in de wachtrij" in response.content.decode()
    failed_message.refresh_from_db()
    assert failed_message.status == OutboxMessage.Status.WAITING
    assert failed_message.attempts == 0
    assert DBTaskResult.objects.filter(args_kwargs__args=[failed_message.pk]).count() == 1


@pytest.mark.parametrize("group", ["Ambassadeurs", "Marketing"])
def test_others_neither_see_nor_retry(client, failed_message, group):
    client.force_login(make_user("iemand", group))

    assert client.get("/admin/").status_code == 200
    assert LIST_URL not in client.get("/admin/").content.decode()
    for url in (LIST_URL, inspect_url(failed_message)):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "contactverzoek ontvangen" not in response.content.decode()
    client.post(retry_url(failed_message))
    failed_message.refresh_from_db()
    assert failed_message.status == OutboxMessage.Status.FAILED


def test_nobody_edits_or_deletes_messages_not_even_a_superuser(client, failed_message, admin_user):
    client.force_login(admin_user)

    assert client.get(LIST_URL).status_code == 200
    for url in (
        f"/admin/outbox/edit/{failed_message.pk}/",
        f"/admin/outbox/delete/{failed_message.pk}/",
        "/admin/outbox/new/",
    ):
        assert client.get(url).status_code == 404
    assert "geheim-token" not in client.get(inspect_url(failed_message)).content.decode()


def test_a_sent_message_offers_no_retry(client, failed_message, admin_user):
    OutboxMessage.objects.filter(pk=failed_message.pk).update(status=OutboxMessage.Status.SENT)
    client.force_login(admin_user)

    assert "Opnieuw proberen" not in client.get(inspect_url(failed_message)).content.decode()
    response = client.post(retry_url(failed_message), follow=True)
    assert "Alleen een mislukte e-mail" in response.content.decode()
    failed_message.refresh_from_db()
    assert failed_message.status == OutboxMessage.Status.SENT
