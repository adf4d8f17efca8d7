"""
One rule for the client's address behind proxies (core/client_ip.py), used by the admin
login lock-out (django-axes) and the contact form's rate limit; tried with forged headers.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from contact.factories import contact_form_data
from contact.models import ContactRequest
from core.client_ip import client_ip
from website.settings import base as base_settings

VISITOR = "203.0.113.5"
OTHER_VISITOR = "198.51.100.7"
PROXY = "10.0.0.1"  # REMOTE_ADDR: the innermost proxy

# Per number of trusted proxies: X-Forwarded-For as the proxies pass it on for VISITOR,
# with a forged entry the visitor put in front, and for another visitor.
HEADERS = {
    0: {"forged": "1.2.3.4", "real": "", "other": "5.6.7.8"},
    1: {"forged": f"1.2.3.4, {VISITOR}", "real": VISITOR, "other": OTHER_VISITOR},
    2: {
        "forged": f"1.2.3.4, {VISITOR}, 10.0.0.9",
        "real": f"{VISITOR}, 10.0.0.9",
        "other": f"{OTHER_VISITOR}, 10.0.0.9",
    },
}


def request_from(forwarded_for, remote_addr=PROXY):
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded_for:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "", PROXY),
        (0, "1.2.3.4", PROXY),  # no proxy: the header is the client's own invention
        (1, VISITOR, VISITOR),
        (1, f"1.2.3.4, {VISITOR}", VISITOR),
        (1, f"1.2.3.4,{VISITOR}", VISITOR),
        (2, f"{VISITOR}, 10.0.0.9", VISITOR),
        (2, f"1.2.3.4, 5.6.7.8, {VISITOR}, 10.0.0.9", VISITOR),
        (1, f"{VISITOR}:443", VISITOR),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:db8::1", "2001:db8::1"),
        # Short or malformed: the proxy's own address, a bucket shared by all such requests.
        (2, VISITOR, PROXY),
        (1, "", PROXY),
        (1, "unknown", PROXY),
        (1, f"{VISITOR}, <script>", PROXY),
        (1, "1.2.3.4, ", PROXY),
    ],
)
def test_client_ip_takes_the_entry_the_outermost_trusted_proxy_added(settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_from(forwarded_for)) == expected


def test_the_old_environment_variable_names_still_set_the_proxy_count(monkeypatch):
    import importlib

    for name in ("TRUSTED_PROXY_COUNT", "CONTACT_TRUSTED_PROXY_COUNT", "AXES_PROXY_COUNT"):
        monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
        monkeypatch.delenv("CONTACT_TRUSTED_PROXY_COUNT", raising=False)
        monkeypatch.delenv("AXES_PROXY_COUNT", raising=False)
        monkeypatch.setenv(name, "2")
        assert importlib.reload(base_settings).TRUSTED_PROXY_COUNT == 2
    monkeypatch.delenv("AXES_PROXY_COUNT")
    assert importlib.reload(base_settings).TRUSTED_PROXY_COUNT == 0


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = base_settings.AUTHENTICATION_BACKENDS
    settings.AXES_FAILURE_LIMIT = 3


@pytest.mark.django_db
@pytest.mark.parametrize("proxies", [0, 1, 2])
def test_login_lockout_sees_through_forged_forwarded_for(client, settings, axes_on, proxies):
    settings.TRUSTED_PROXY_COUNT = proxies
    get_user_model().objects.create_superuser("redacteur", "redactie@example.test", "juist-wachtwoord-42")
    headers = HEADERS[proxies]

    def login(forwarded_for, password="fout"):  # noqa: S107
        meta = {"REMOTE_ADDR": PROXY if proxies else VISITOR}
        if forwarded_for:
            meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
        return client.post("/admin/login/", {"username": "redacteur", "password": password}, **meta)

    # Each attempt forges a different front entry; all count against the same address.
    for number in range(3):
        login(headers["forged"].replace("1.2.3.4", f"1.2.3.{number}") if proxies else f"1.2.3.{number}")
    assert login(headers["real"], "juist-wachtwoord-42").status_code == 429
    assert AccessAttempt.objects.get().ip_address == VISITOR
    assert "_auth_user_id" not in client.session

    if proxies:
        # Someone else behind the same proxy is not locked out.
        assert login(headers["other"], "juist-wachtwoord-42").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("proxies", [0, 1, 2])
def test_contact_rate_limit_sees_through_forged_forwarded_for(client, contact_page, settings, proxies):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.CONTACT_RATE_LIMIT = (2, 3600)
    headers = HEADERS[proxies]
    remote_addr = PROXY if proxies else VISITOR

    def submit(forwarded_for, name):
        meta = {"REMOTE_ADDR": remote_addr}
        if forwarded_for:
            meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
        return client.post(contact_page.url, contact_form_data(name=name), **meta)

    statuses = [
        submit(headers["forged"].replace("1.2.3.4", f"1.2.3.{number}"), f"Bezoeker {number}").status_code
        for number in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert ContactRequest.objects.count() == 2

    if proxies:
        assert submit(headers["other"], "Ander").status_code == 302
        assert ContactRequest.objects.count() == 3
