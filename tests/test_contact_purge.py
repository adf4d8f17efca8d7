"""purge_contact_requests: handled requests past the retention period go, open ones stay."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from contact.factories import ContactRequestFactory
from contact.models import ContactRequest, ContactRequestStatusChange, ContactStatus

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def requests():
    """Requests of every status and age, by what should happen to them at 365 days."""
    old_done = ContactRequestFactory(
        status=ContactStatus.DONE, created_at=days_ago(500), status_changed_at=days_ago(400)
    )
    ContactRequestStatusChange.objects.create(
        contact_request=old_done, old_status=ContactStatus.NEW, new_status=ContactStatus.DONE, note="Gebeld."
    )
    return {
        "old_done": old_done,
        "old_declined": ContactRequestFactory(
            status=ContactStatus.DECLINED, created_at=days_ago(380), status_changed_at=days_ago(370)
        ),
        # Handled without a recorded change date (e.g. imported): its age counts from receipt.
        "old_done_no_date": ContactRequestFactory(status=ContactStatus.DONE, created_at=days_ago(366)),
        "recently_handled": ContactRequestFactory(
            status=ContactStatus.DONE, created_at=days_ago(500), status_changed_at=days_ago(10)
        ),
        "old_open": ContactRequestFactory(status=ContactStatus.NEW, created_at=days_ago(800)),
        "old_scheduled": ContactRequestFactory(status=ContactStatus.SCHEDULED, created_at=days_ago(800)),
    }


def purge(*args):
    out = StringIO()
    call_command("purge_contact_requests", *args, stdout=out)
    return out.getvalue()


def remaining(requests):
    return {name for name, request in requests.items() if ContactRequest.objects.filter(pk=request.pk).exists()}


def test_dry_run_reports_and_removes_nothing(requests):
    output = purge("--dry-run", "--verbosity", "2")

    assert "Would remove 3 handled contact request(s)" in output
    assert "afgerond: 2, afgewezen: 1" in output
    assert f"#{requests['old_done'].pk} received" in output
    assert f"#{requests['old_open'].pk} " not in output
    assert ContactRequest.objects.count() == 6


def test_purge_removes_handled_requests_past_retention(requests):
    output = purge()

    assert "Removed 3 handled contact request(s)" in output
    assert "(365 days)" in output
    assert remaining(requests) == {"recently_handled", "old_open", "old_scheduled"}
    assert not ContactRequestStatusChange.objects.exists()


def test_purge_older_than_overrides_setting(requests):
    purge("--older-than", "5")

    assert remaining(requests) == {"old_open", "old_scheduled"}


def test_purge_uses_retention_setting(requests, settings):
    settings.CONTACT_REQUEST_RETENTION_DAYS = 1000

    output = purge()

    assert "Removed 0 handled contact request(s)" in output
    assert ContactRequest.objects.count() == 6


def test_negative_days_is_an_error(requests):
    with pytest.raises(CommandError, match="zero or more"):
        purge("--older-than", "-1")
