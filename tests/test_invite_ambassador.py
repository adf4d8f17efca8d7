"""Inviting an ambassador: the command and the admin action, safe to repeat, with a working link."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from ambassadors.factories import AmbassadorPageFactory
from ambassadors.models import AmbassadorPage
from tests.workflow_fixtures import edit_url, publish_story

LINK = re.compile(r"http://testserver(/admin/password_reset/confirm/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def story(ambassador_index, school):
    return publish_story(
        AmbassadorPageFactory(parent=ambassador_index, title="Femmy Sassen", slug="femmy-sassen", school=school)
    )


def invite(email="f.sassen@school.nl", name="Femmy Sassen", page="femmy-sassen"):
    call_command("invite_ambassador", "--email", email, "--name", name, "--page", page)


@pytest.mark.django_db
def test_invite_creates_links_and_emails_in_dutch(story, mailoutbox):
    invite()
    user = get_user_model().objects.get(email="f.sassen@school.nl")
    assert user.first_name == "Femmy"
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True).order_by("name")) == [
        "Ambassadeurs",
        f"Ambassadeursverhaal {story.pk}",
    ]
    story = AmbassadorPage.objects.get(pk=story.pk)
    assert story.ambassador_account == user
    assert story.get_latest_revision_as_object().ambassador_account == user
    assert story.permissions_for_user(user).can_edit()
    assert not story.permissions_for_user(user).can_publish()
    # Images go to a collection of their own, and only there.
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    image_policy = policy_registry.get_by_type(get_image_model())
    collections = image_policy.collections_user_has_permission_for(user, "add")
    assert [collection.name for collection in collections] == [f"Femmy Sassen ({story.pk})"]
    (message,) = mailoutbox
    assert message.to == ["f.sassen@school.nl"]
    assert message.subject.startswith("Uitnodiging")
    assert "Beste Femmy," in message.body
    assert LINK.search(message.body)


@pytest.mark.django_db
def test_inviting_twice_reuses_everything(story, mailoutbox):
    invite()
    invite(email="F.Sassen@School.nl")
    assert get_user_model().objects.filter(email__iexact="f.sassen@school.nl").count() == 1
    user = get_user_model().objects.get(email__iexact="f.sassen@school.nl")
    assert user.groups.count() == 2
    assert AmbassadorPage.objects.get(pk=story.pk).ambassador_account == user
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_the_link_sets_a_password_and_the_ambassador_can_log_in(client, story, mailoutbox):
    invite()
    path = LINK.search(mailoutbox[0].body).group(1)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": "Glans-ouders-2026", "new_password2": "Glans-ouders-2026"}, follow=True
    )
    assert response.status_code == 200
    user = get_user_model().objects.get(email="f.sassen@school.nl")
    assert user.check_password("Glans-ouders-2026")
    # The link works once.
    assert client.get(path, follow=True).context["validlink"] is False
    assert client.login(username=user.username, password="Glans-ouders-2026")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mijn verhaal" in dashboard
    assert edit_url(story) in dashboard


@pytest.mark.django_db
def test_unknown_story_or_bad_email_is_a_clear_error(story):
    with pytest.raises(CommandError, match="No ambassador story"):
        invite(page="bestaat-niet")
    with pytest.raises(CommandError, match="Not a valid email"):
        invite(email="geen-adres")


@pytest.mark.django_db
def test_marketing_invites_from_the_admin_and_an_ambassador_cannot(client, story, marketing, anje, mailoutbox):
    url = reverse("ambassadors_invite", args=[story.pk])
    client.force_login(anje)
    client.post(url, {"name": "Femmy Sassen", "email": "f.sassen@school.nl"})
    assert not get_user_model().objects.filter(email="f.sassen@school.nl").exists()

    client.force_login(marketing)
    assert "Ambassadeur uitnodigen" in client.get(edit_url(story)).content.decode()
    response = client.post(url, {"name": "Femmy Sassen", "email": "geen-adres"})
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    response = client.post(url, {"name": "Femmy Sassen", "email": "f.sassen@school.nl"})
    assert response.status_code == 302
    user = get_user_model().objects.get(email="f.sassen@school.nl")
    assert AmbassadorPage.objects.get(pk=story.pk).ambassador_account == user
    assert [message.to for message in mailoutbox] == [["f.sassen@school.nl"]]
