"""The signed links in emails (core/signed_links.py): bound to a purpose, a user and a state."""

from datetime import timedelta

import pytest
from django.core import signing

from core.signed_links import LinkError, LinkSigner

REVIEW = LinkSigner("review", max_age=timedelta(days=7))


def test_a_token_gives_back_its_user_and_bound_state(anje):
    token = REVIEW.make(anje, task_state=12, revision=34)
    link = REVIEW.read(token)
    assert link.user == anje
    assert link.bound == {"task_state": 12, "revision": 34}


def test_a_token_expires(anje, monkeypatch):
    token = REVIEW.make(anje, task_state=1)
    later = signing.time.time() + timedelta(days=7, seconds=1).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(LinkError) as error:
        REVIEW.read(token)
    assert error.value.reason == "expired"


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "x" + t, lambda t: "", lambda t: "a:b:c"])
def test_a_tampered_token_is_invalid(anje, mangle):
    with pytest.raises(LinkError) as error:
        REVIEW.read(mangle(REVIEW.make(anje, task_state=1)))
    assert error.value.reason == "invalid"


def test_a_token_of_another_purpose_is_invalid(anje):
    token = LinkSigner("appointment", max_age=3600).make(anje, task_state=1)
    with pytest.raises(LinkError) as error:
        REVIEW.read(token)
    assert error.value.reason == "invalid"


def test_a_password_change_or_deactivation_ends_the_link(anje, magda):
    token, other = REVIEW.make(anje, task_state=1), REVIEW.make(magda, task_state=1)
    anje.set_password("Een-nieuw-w8woord!")
    anje.save()
    magda.is_active = False
    magda.save()
    for stale in (token, other):
        with pytest.raises(LinkError) as error:
            REVIEW.read(stale)
        assert error.value.reason == "user"


def test_a_link_outlives_a_login_unless_it_stands_in_for_one(anje):
    from django.contrib.auth.models import update_last_login

    once = LinkSigner("first-login", max_age=3600, ends_on_login=True)
    review_token, once_token = REVIEW.make(anje, task_state=1), once.make(anje, task_state=1)

    update_last_login(None, anje)

    assert REVIEW.read(review_token).user == anje
    with pytest.raises(LinkError) as error:
        once.read(once_token)
    assert error.value.reason == "user"
