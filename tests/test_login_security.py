"""The admin login: brute-force lockout (django-axes on Wagtail's own login view) and safe redirects."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

from tests.support.users import PASSWORD
from website.settings import base as base_settings


@pytest.fixture
def axes_on(settings):
    """django-axes as in production (the test settings switch it off for the test client's login())."""
    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = base_settings.AUTHENTICATION_BACKENDS
    settings.AXES_FAILURE_LIMIT = 3


def login(client, password, next_url=None):
    url = "/admin/login/" + (f"?next={next_url}" if next_url else "")
    data = {"username": "redacteur", "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(url, data)


def test_wrong_passwords_on_wagtails_login_lock_the_account(client, editor, axes_on):
    for _ in range(2):
        response = login(client, "fout")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    locked = login(client, "fout")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tijdelijk geblokkeerd" in page
    assert "te vaak een verkeerd wachtwoord" in page
    assert AccessAttempt.objects.get(username="redacteur").failures_since_start == 3

    # Even the right password does not get in while locked out.
    still_locked = login(client, PASSWORD)
    assert still_locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_lockout_is_per_user_and_address(client, editor, axes_on):
    get_user_model().objects.create_superuser("collega", "collega@example.test", PASSWORD)
    for _ in range(3):
        login(client, "fout")
    response = client.post("/admin/login/", {"username": "collega", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_right_password_logs_in_with_axes_watching(client, editor, axes_on):
    response = login(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/admin/", "http://testserver.evil.example/", "https:evil.example"],
)
def test_login_never_redirects_off_the_site(client, editor, axes_on, next_url):
    response = login(client, PASSWORD, next_url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_login_follows_a_next_on_the_site(client, editor, axes_on):
    response = login(client, PASSWORD, "/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
