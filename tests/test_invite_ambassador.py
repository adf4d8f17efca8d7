"""Inviting an ambassador: the command and the admin action, safe to repeat, with a working link."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from ambassadors.factories import AmbassadorPageFactory
from ambassadors.models import AmbassadorPage
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url, publish_story
from tests.support.users import make_user
from tests.support.workflow import approve_url, current_step, public_html, submit, workflow_action

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
        f"Verhaal: {story.title}",
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


# Which accounts may be linked: one rule for the command, the admin view and the editor.


def invite_in_admin(client, page, email, name="Nieuwe Ambassadeur", **extra):
    return client.post(reverse("ambassadors_invite", args=[page.pk]), {"name": name, "email": email, **extra})


def account_of(page):
    return AmbassadorPage.objects.get(pk=page.pk).ambassador_account


@pytest.mark.django_db
def test_a_staff_account_is_never_linked_to_a_story(client, story, marketing, marketing2, moderator, superuser):
    client.force_login(marketing)
    for staff in (marketing2, moderator, superuser):
        response = invite_in_admin(client, story, staff.email)
        assert response.status_code == 200
        assert "account van een medewerker" in response.content.decode()
        with pytest.raises(CommandError, match="account van een medewerker"):
            invite(email=staff.email)
        # Nor through the editor's settings tab.
        response = client.post(edit_url(story), editor_form_data(story, ambassador_account=staff.pk))
        assert "account van een medewerker" in response.content.decode()
        staff.refresh_from_db()
        assert not staff.groups.filter(name__startswith="Ambassadeurs").exists()
    assert account_of(story) is None
    assert story.get_latest_revision_as_object().ambassador_account is None


@pytest.mark.django_db
def test_the_ambassador_of_another_story_is_not_taken_away(client, story, marketing, magda, magda_story):
    client.force_login(marketing)
    response = invite_in_admin(client, story, magda.email, replace="on")
    assert "hoort al bij het verhaal „Magda Nijmeijer”" in response.content.decode()
    with pytest.raises(CommandError, match="hoort al bij het verhaal"):
        invite(email=magda.email)
    response = client.post(edit_url(story), editor_form_data(story, ambassador_account=magda.pk))
    assert "hoort al bij het verhaal" in response.content.decode()
    assert account_of(story) is None
    assert account_of(magda_story) == magda
    assert magda_story.permissions_for_user(magda).can_edit()


@pytest.mark.django_db
def test_replacing_an_ambassador_is_explicit_and_takes_the_old_access_away(client, anje, anje_story, marketing):
    client.force_login(marketing)
    response = invite_in_admin(client, anje_story, "f.sassen@school.nl")
    assert "is al gekoppeld aan anje@example.nl" in response.content.decode()
    with pytest.raises(CommandError, match="is al gekoppeld"):
        invite(email="f.sassen@school.nl", page="anje-bechtel")
    assert account_of(anje_story) == anje

    invite_in_admin(client, anje_story, "f.sassen@school.nl", replace="on")
    femmy = get_user_model().objects.get(email="f.sassen@school.nl")
    assert account_of(anje_story) == femmy
    assert not anje.groups.filter(name__startswith="Verhaal: ").exists()
    assert not AmbassadorPage.objects.get(pk=anje_story.pk).permissions_for_user(anje).can_edit()
    # Inviting the linked account again stays safe.
    invite(email="f.sassen@school.nl", page="anje-bechtel")
    assert account_of(anje_story) == femmy


@pytest.mark.django_db
def test_an_account_linked_in_the_editor_gets_access_at_once(client, anje_story, marketing, anje):
    new = make_user("femmy", "Ambassadeurs", email="f.sassen@school.nl")
    client.force_login(marketing)
    response = client.post(edit_url(anje_story), editor_form_data(anje_story, ambassador_account=new.pk))
    assert response.status_code == 302
    story = AmbassadorPage.objects.get(pk=anje_story.pk)
    assert story.ambassador_account == new  # the live story too, not only the draft
    assert story.permissions_for_user(new).can_edit()
    assert not story.permissions_for_user(anje).can_edit()


# Linking during a review: the new ambassador consents actively.


@pytest.mark.django_db
def test_relinking_during_review_needs_the_new_ambassadors_own_consent(client, anje, anje_story, marketing, moderator):
    submit(client, anje, anje_story, answer="<p>Nieuw van Anje.</p>")
    client.force_login(marketing)
    invite_in_admin(client, anje_story, "f.sassen@school.nl", replace="on")
    femmy = get_user_model().objects.get(email="f.sassen@school.nl")
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Akkoord ambassadeur"

    # Anje lost the story: she can no longer consent; Femmy must.
    client.force_login(anje)
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Akkoord ambassadeur"
    client.force_login(femmy)
    workflow_action(client, anje_story, "approve")
    client.force_login(moderator)
    workflow_action(client, anje_story, "approve")
    assert "Nieuw van Anje." in public_html(client, anje_story)


@pytest.mark.django_db
def test_an_ambassador_linked_after_submission_consents_even_if_she_wrote_it_all(client, anje, anje_story, marketing):
    submit(client, anje, anje_story, answer="<p>Nieuw van Anje.</p>")
    # Replaced and linked again while the review runs (no new revision): the link is newer.
    call_command(
        "invite_ambassador", "--email", "f.sassen@school.nl", "--name", "F", "--page", "anje-bechtel", "--replace"
    )
    call_command("invite_ambassador", "--email", anje.email, "--name", "Anje", "--page", "anje-bechtel", "--replace")
    assert account_of(anje_story) == anje
    client.force_login(marketing)
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Akkoord ambassadeur"
    assert TaskState.objects.get(task__name="Akkoord ambassadeur").status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_relinking_after_consent_stops_the_review(client, anje, anje_story, marketing, moderator):
    submit(client, anje, anje_story, answer="<p>Nieuw van Anje.</p>")
    client.force_login(marketing)
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Goedkeuring Klaver CT"  # Anje's consent passed by itself
    final_approval = approve_url(anje_story)
    response = invite_in_admin(client, anje_story, "f.sassen@school.nl", replace="on")
    assert response.status_code == 302
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_CANCELLED
    assert "De lopende beoordeling is gestopt" in client.get(response.url).content.decode()
    client.force_login(moderator)
    client.post(final_approval)
    assert "Nieuw van Anje." not in public_html(client, anje_story)


@pytest.mark.django_db
def test_the_editor_does_not_relink_in_the_same_click_as_an_approval(client, anje, anje_story, marketing, superuser):
    submit(client, anje, anje_story, answer="<p>Nieuw van Anje.</p>")
    new = make_user("femmy", "Ambassadeurs", email="f.sassen@school.nl")
    client.force_login(marketing)
    data = editor_form_data(anje_story, ambassador_account=new.pk, action="action-workflow-action")
    data["workflow-action-name"] = "reject"
    response = client.post(edit_url(anje_story), data)
    assert "niet tegelijk met een beoordeling" in response.content.decode()
    assert account_of(anje_story) == anje
    assert current_step(anje_story) == "Redactie"

    # Saved on its own, the link is made and shows in the story's history.
    client.post(edit_url(anje_story), editor_form_data(anje_story, ambassador_account=new.pk))
    assert account_of(anje_story) == new
    history = client.get(reverse("wagtailadmin_pages:history", args=[anje_story.pk])).content.decode()
    assert "Account van de ambassadeur gekoppeld" in history
