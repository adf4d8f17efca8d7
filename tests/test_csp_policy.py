"""The public Content-Security-Policy is built once per process, not on every response (core/security.py)."""

import re
from unittest import mock

import pytest
from csp import middleware as csp_middleware
from csp.utils import build_policy

pytestmark = pytest.mark.django_db


def test_public_responses_get_the_settings_policy_without_building_it_each_time(client, home_page):
    with mock.patch.object(csp_middleware, "build_policy", wraps=build_policy) as built_by_django_csp:
        responses = [client.get("/") for _ in range(3)]

    for response in responses:
        assert response.status_code == 200
        found = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        # Exactly what django-csp builds from the settings, with this response's nonce if it has one
        # (tests/test_security.py: a new one for every response).
        assert response["Content-Security-Policy"] == build_policy(nonce=found and found.group(1))
    assert built_by_django_csp.call_count == 0


def test_a_changed_setting_changes_the_policy(client, home_page, settings):
    client.get("/")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "data:"]}}
    # django-csp's directive order follows the order it first saw them in; the directives are what count.
    directives = client.get("/")["Content-Security-Policy"].split("; ")
    assert sorted(directives) == ["default-src 'self'", "img-src 'self' data:"]
