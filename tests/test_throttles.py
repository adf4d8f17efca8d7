"""
Throttles (core/throttle.py): the page-password form, the admin password-reset form (with
its answer doing the same work for known and unknown addresses) and the contact form's
confirmation mail; the counter holds under concurrent submissions.
"""

import threading
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from contact.factories import contact_form_data
from contact.models import ContactRequest
from contact.notifications import pending_notifications
from core import throttle
from home.factories import ContentPageFactory
from tests.support.redis_server import redis_answers

pytestmark = pytest.mark.django_db


def assert_dutch_429(response):
    assert response.status_code == 429
    assert "Even wachten" in response.text
    assert "te vaak kort achter elkaar verstuurd" in response.text
    assert response["Retry-After"]


def test_page_password_form_is_throttled_per_client(client, home_page, settings):
    settings.THROTTLED_VIEWS = {**settings.THROTTLED_VIEWS, "wagtailcore_authenticate_with_password": (3, 900)}
    page = ContentPageFactory(parent=home_page, title="Besloten", slug="besloten")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="geheim")
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"

    for _ in range(3):
        assert client.post(url, {"password": "fout", "return_url": page.url}).status_code == 200
    # Even the right password is refused once the allowance is used up: guessing stops here.
    throttled = client.post(url, {"password": "geheim", "return_url": page.url})
    assert_dutch_429(throttled)
    assert "Probeer het over 15 minuten opnieuw." in throttled.text
    assert restriction.pk not in client.session.get("passed_page_view_restrictions", [])

    other = client.post(url, {"password": "geheim", "return_url": page.url}, REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302


def test_correct_page_passwords_do_not_use_up_the_allowance(client, home_page, settings):
    """Colleagues behind one school address who know the password are never locked out."""
    settings.THROTTLED_VIEWS = {**settings.THROTTLED_VIEWS, "wagtailcore_authenticate_with_password": (3, 900)}
    page = ContentPageFactory(parent=home_page, title="Besloten", slug="besloten")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="geheim")
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"

    assert client.post(url, {"password": "fout", "return_url": page.url}).status_code == 200
    for _ in range(5):
        assert client.post(url, {"password": "geheim", "return_url": page.url}).status_code == 302
    # The one wrong guess still counts: two more and the form is closed to this address.
    for _ in range(2):
        assert client.post(url, {"password": "fout", "return_url": page.url}).status_code == 200
    assert_dutch_429(client.post(url, {"password": "geheim", "return_url": page.url}))


def test_password_reset_form_is_throttled_per_client(client, settings):
    settings.THROTTLED_VIEWS = {**settings.THROTTLED_VIEWS, "wagtailadmin_password_reset": (2, 3600)}
    for number in range(2):
        response = client.post("/admin/password_reset/", {"email": f"iemand{number}@example.test"})
        assert response.status_code == 302
    assert_dutch_429(client.post("/admin/password_reset/", {"email": "nog-iemand@example.test"}))


@pytest.fixture
def deferred_calls_held(settings):
    """Tasks stay in the database queue (no worker here), so a test can see what ran inside the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def reset_inside_the_request(client, email):
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/admin/password_reset/", {"email": email})
    return response, len(queries), len(mail.outbox), DBTaskResult.objects.count() - queued


def test_password_reset_does_the_same_work_for_known_and_unknown_addresses(client, deferred_calls_held):
    get_user_model().objects.create_user("redacteur", "redactie@example.test", "wachtwoord-42")

    known, known_queries, known_mails, known_pending = reset_inside_the_request(client, "redactie@example.test")
    unknown, unknown_queries, unknown_mails, unknown_pending = reset_inside_the_request(client, "niemand@example.test")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert known_queries == unknown_queries
    assert known_mails == unknown_mails == 0
    assert known_pending == unknown_pending == 1


def test_password_reset_email_is_sent_after_the_response(client):
    get_user_model().objects.create_user("redacteur", "redactie@example.test", "wachtwoord-42")
    client.post("/admin/password_reset/", {"email": "redactie@example.test"})
    client.post("/admin/password_reset/", {"email": "niemand@example.test"})

    (message,) = mail.outbox
    assert message.to == ["redactie@example.test"]
    assert "/admin/password_reset/confirm/" in message.body


def test_confirmation_mails_per_address_are_capped_per_day(client, contact_page, settings):
    settings.CONTACT_CONFIRMATIONS_PER_ADDRESS = 2
    settings.CONTACT_RATE_LIMIT = (100, 3600)
    victim = "slachtoffer@example.test"

    for number in range(5):
        # Each from another address, so the per-client limit does not stop it first.
        response = client.post(
            contact_page.url,
            contact_form_data(email=victim.upper() if number % 2 else victim),
            REMOTE_ADDR=f"10.0.1.{number}",
        )
        assert response.status_code == 302

    to_victim = [message for message in mail.outbox if message.to[0].lower() == victim]
    to_secretariat = [message for message in mail.outbox if message.to == ["secretariaat@klaverct.example"]]
    assert len(to_victim) == 2
    # Nothing is lost: every request is stored and reaches the secretariat.
    assert ContactRequest.objects.count() == len(to_secretariat) == 5
    withheld = ContactRequest.objects.filter(visitor_confirmation_withheld=True)
    assert withheld.count() == 3
    # The retry command does not send them later either.
    assert not pending_notifications().exists()

    thanks = client.get(contact_page.url + "bedankt/")
    assert "sturen we deze keer geen bevestiging per e-mail" in thanks.text

    other = client.post(contact_page.url, contact_form_data(email="ander@example.test"), REMOTE_ADDR="10.0.2.1")
    assert other.status_code == 302
    assert mail.outbox[-1].to == ["ander@example.test"]


@pytest.mark.skipif(not redis_answers(), reason="No Redis server on 127.0.0.1:6379.")
def test_counter_holds_under_concurrent_submissions_on_redis(monkeypatch):
    redis = RedisCache("redis://127.0.0.1:6379/14", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    monkeypatch.setattr(throttle, "cache", redis)
    limit, threads_count = 5, 40
    barrier = threading.Barrier(threads_count)
    allowed = []

    def submit():
        barrier.wait()
        allowed.append(throttle.take("contact-submissions", "203.0.113.5", limit, 60))

    threads = [threading.Thread(target=submit) for _ in range(threads_count)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert allowed.count(True) == limit
        assert len(allowed) == threads_count
    finally:
        redis._cache.get_client(write=True).flushdb()
        redis.close()


def test_concurrent_contact_submissions_cannot_all_pass_the_check(client, contact_page, settings, monkeypatch):
    """Two submissions that both passed the early check: the atomic count still stops the second."""
    from contact import ratelimit

    settings.CONTACT_RATE_LIMIT = (1, 3600)
    monkeypatch.setattr(ratelimit, "is_limited", lambda request: False)  # both read "not limited yet"

    first = client.post(contact_page.url, contact_form_data(name="Eerste"))
    second = client.post(contact_page.url, contact_form_data(name="Tweede"))

    assert (first.status_code, second.status_code) == (302, 429)
    assert list(ContactRequest.objects.values_list("name", flat=True)) == ["Eerste"]
    assert 'value="Tweede"' in second.text
