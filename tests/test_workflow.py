"""
The story workflow end to end, through the admin's own views: ambassador submits →
marketing approves → ambassador consent → moderator approves → the public page changes.
"""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from ambassadors.models import AmbassadorPage
from home.factories import ContentPageFactory
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url
from tests.support.workflow import (
    NEW_ANSWER,
    approve_url,
    current_step,
    public_html,
    save_draft,
    submit,
    workflow_action,
)


@pytest.mark.django_db
def test_ambassador_submission_passes_every_step_and_reaches_the_site(client, anje, anje_story, marketing, moderator):
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    assert current_step(anje_story) == "Redactie"
    assert "Bij de redactie" in client.get(reverse("wagtailadmin_home")).content.decode()
    # In review, the live page still shows the published answer.
    assert NEW_ANSWER not in public_html(client, anje_story)

    client.force_login(marketing)
    workflow_action(client, anje_story, "approve")
    # Nobody else changed it since Anje submitted: her consent passes by itself.
    assert current_step(anje_story) == "Goedkeuring Klaver CT"
    consent = TaskState.objects.get(task__name="Akkoord ambassadeur")
    assert consent.status == TaskState.STATUS_APPROVED
    assert NEW_ANSWER not in public_html(client, anje_story)

    client.force_login(moderator)
    workflow_action(client, anje_story, "approve", comment="Mooi verhaal.")
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED
    assert NEW_ANSWER in public_html(client, anje_story)


@pytest.mark.django_db
def test_story_edited_by_marketing_needs_the_ambassadors_consent_and_rejection_returns_it(
    client, anje, anje_story, marketing, marketing2, moderator
):
    submit(client, marketing, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing2)
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Akkoord ambassadeur"

    # Only Anje may act on this step; the moderator cannot skip it.
    client.force_login(moderator)
    response = workflow_action(client, anje_story, "approve")
    assert response.status_code in (302, 403)  # Wagtail turns a refusal into a redirect
    assert current_step(anje_story) == "Akkoord ambassadeur"

    client.force_login(anje)
    workflow_action(client, anje_story, "reject", comment="Dit heb ik zo niet gezegd.")
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Dit heb ik zo niet gezegd."
    # The draft is kept, the live page unchanged.
    draft = AmbassadorPage.objects.get(pk=anje_story.pk).get_latest_revision_as_object()
    assert NEW_ANSWER in str(draft.body[0].value["answer"])
    assert NEW_ANSWER not in public_html(client, anje_story)

    # Anje's dashboard shows the state and her comment.
    client.force_login(anje)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mijn verhaal" in dashboard
    assert "Wijzigingen gevraagd" in dashboard
    assert "Dit heb ik zo niet gezegd." in dashboard


@pytest.mark.django_db
def test_ambassador_approves_marketing_edit_then_moderator_publishes(
    client, anje, anje_story, marketing, marketing2, moderator
):
    submit(client, marketing, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing2)
    workflow_action(client, anje_story, "approve")
    client.force_login(anje)
    workflow_action(client, anje_story, "approve", comment="Akkoord zo.")
    assert current_step(anje_story) == "Goedkeuring Klaver CT"
    assert NEW_ANSWER not in public_html(client, anje_story)
    client.force_login(moderator)
    workflow_action(client, anje_story, "approve")
    assert NEW_ANSWER in public_html(client, anje_story)


@pytest.mark.django_db
def test_nobody_approves_their_own_change_not_even_a_superuser(client, superuser, marketing, moderator, home_page):
    page = ContentPageFactory(parent=home_page, title="Over de Glans-techniek")
    page.save_revision().publish()
    client.force_login(superuser)
    data = {
        "title": "Over de Glans-techniek",
        "slug": page.slug,
        "introduction": "Nieuwe inleiding",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-submit": "1",
    }
    assert client.post(edit_url(page), data).status_code == 302
    assert current_step(page) == "Goedkeuring Klaver CT"

    # The superuser who submitted sees no "approve" and cannot post it.
    editor = client.get(edit_url(page)).content.decode()
    assert 'name="workflow-action-name" value="approve"' not in editor
    workflow_action(client, page, "approve")
    assert current_step(page) == "Goedkeuring Klaver CT"

    # Marketing is not in the approving group either.
    client.force_login(marketing)
    workflow_action(client, page, "approve")
    assert current_step(page) == "Goedkeuring Klaver CT"

    client.force_login(moderator)
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert page.introduction == "Nieuwe inleiding"


@pytest.mark.django_db
def test_a_moderator_who_edits_in_review_cannot_approve_that_change(client, anje, anje_story, marketing, moderator):
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing)
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Goedkeuring Klaver CT"

    client.force_login(moderator)
    data = editor_form_data(anje_story, answer="<p>Door de moderator herschreven.</p>", action="action-workflow-action")
    data["workflow-action-name"] = "approve"
    client.post(edit_url(anje_story), data)
    assert current_step(anje_story) == "Goedkeuring Klaver CT"
    assert "herschreven" not in public_html(client, anje_story)


@pytest.mark.django_db
def test_scheduled_publishing_goes_through_the_workflow(client, anje, anje_story, marketing, moderator):
    go_live = timezone.now() + timedelta(days=2)
    submit(
        client,
        anje,
        anje_story,
        answer=f"<p>{NEW_ANSWER}</p>",
        go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
    )
    client.force_login(marketing)
    workflow_action(client, anje_story, "approve")
    client.force_login(moderator)
    workflow_action(client, anje_story, "approve")

    page = AmbassadorPage.objects.get(pk=anje_story.pk)
    assert page.scheduled_revision is not None
    assert NEW_ANSWER not in public_html(client, anje_story)
    # When the time comes, Wagtail's publish_scheduled command publishes the approved revision.
    revision = page.scheduled_revision
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save()
    from django.core.management import call_command

    call_command("publish_scheduled")
    assert NEW_ANSWER in public_html(client, anje_story)


@pytest.mark.django_db
def test_consent_is_skipped_for_a_story_without_an_ambassador(client, ambassador_index, school, marketing, marketing2):
    from ambassadors.factories import AmbassadorPageFactory
    from tests.support.pages import publish_story

    story = publish_story(AmbassadorPageFactory(parent=ambassador_index, title="Ine Koenders", school=school))
    submit(client, marketing, story, answer="<p>Zonder account.</p>")
    client.force_login(marketing2)
    workflow_action(client, story, "approve")
    assert current_step(story) == "Goedkeuring Klaver CT"
    assert TaskState.objects.get(task__name="Akkoord ambassadeur").status == TaskState.STATUS_SKIPPED


@pytest.mark.django_db
def test_fresh_database_has_the_roles_and_workflows(home_page, ambassador_index):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"Ambassadeurs", "Marketing", "Moderatoren"}
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert [task.name for task in ambassador_index.get_workflow().tasks] == [
        "Redactie",
        "Akkoord ambassadeur",
        "Goedkeuring Klaver CT",
    ]
    assert [task.name for task in home_page.get_workflow().tasks] == ["Goedkeuring Klaver CT"]
    marketing = Group.objects.get(name="Marketing")
    assert not marketing.page_permissions.filter(permission__codename="publish_page").exists()


@pytest.mark.django_db
def test_demo_stories_go_through_the_story_workflow(settings, tmp_path):
    from django.core.management import call_command

    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_content", stdout=io.StringIO())
    story = AmbassadorPage.objects.get(slug="anje-bechtel")
    assert story.get_workflow().name == "Ambassadeursverhalen"
    home = Page.objects.get(depth=2, slug__isnull=False, content_type__model="homepage")
    assert home.get_workflow().name == "Goedkeuring Klaver CT"


# Four eyes over the whole change since the live version, on every step.


@pytest.mark.django_db
@pytest.mark.parametrize("drafter", ["marketing", "superuser"])
def test_who_saved_a_draft_before_someone_else_submitted_cannot_approve_any_step(
    client, request, drafter, anje, anje_story, marketing2, moderator
):
    drafter = request.getfixturevalue(drafter)
    save_draft(client, drafter, anje_story, "Eerst door de redactie aangevuld.")
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    assert current_step(anje_story) == "Redactie"

    # Neither the dashboard nor the editor offers the drafter "approve"; a crafted post fails.
    client.force_login(drafter)
    assert approve_url(anje_story) not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'name="workflow-action-name" value="approve"' not in client.get(edit_url(anje_story)).content.decode()
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Redactie"

    # A colleague approves from the dashboard.
    client.force_login(marketing2)
    assert approve_url(anje_story) in client.get(reverse("wagtailadmin_home")).content.decode()
    client.post(approve_url(anje_story))
    # Someone else wrote part of it: Anje must consent herself.
    assert current_step(anje_story) == "Akkoord ambassadeur"
    client.force_login(anje)
    workflow_action(client, anje_story, "approve")
    if drafter.is_superuser:  # the superuser may approve the last step, but not this change
        client.force_login(drafter)
        workflow_action(client, anje_story, "approve")
        assert current_step(anje_story) == "Goedkeuring Klaver CT"
    client.force_login(moderator)
    workflow_action(client, anje_story, "approve")
    html = public_html(client, anje_story)
    assert NEW_ANSWER in html
    assert "Eerst door de redactie aangevuld." not in html  # Anje's submission replaced that draft


@pytest.mark.django_db
def test_a_marketing_editor_in_redactie_cannot_approve_redactie_another_can(
    client, anje, anje_story, marketing, marketing2, moderator
):
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    # Approving in the editor saves the edit first: that makes it marketing's own change.
    client.force_login(marketing)
    data = editor_form_data(anje_story, answer="<p>Door de redactie verbeterd.</p>", action="action-workflow-action")
    data["workflow-action-name"] = "approve"
    client.post(edit_url(anje_story), data)
    assert current_step(anje_story) == "Redactie"
    assert "verbeterd" in str(
        AmbassadorPage.objects.get(pk=anje_story.pk).get_latest_revision_as_object().body[0].value["answer"]
    )
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Redactie"

    client.force_login(marketing2)
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Akkoord ambassadeur"
    client.force_login(anje)
    workflow_action(client, anje_story, "approve")
    client.force_login(moderator)
    workflow_action(client, anje_story, "approve")
    assert "Door de redactie verbeterd." in public_html(client, anje_story)


@pytest.mark.django_db
def test_consent_passes_by_itself_only_when_the_ambassador_wrote_everything(
    client, anje, anje_story, marketing, marketing2
):
    # Anje's own earlier draft plus her submission: still only her words.
    save_draft(client, anje, anje_story, "Mijn eerste opzet.")
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing)
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Goedkeuring Klaver CT"
    assert TaskState.objects.get(task__name="Akkoord ambassadeur").status == TaskState.STATUS_APPROVED


@pytest.mark.django_db
def test_a_change_after_the_consent_goes_back_to_the_ambassador_before_it_goes_live(
    client, anje, anje_story, marketing, moderator, moderator2
):
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing)
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Goedkeuring Klaver CT"  # her consent passed by itself

    # A moderator rewrites the answer in the final step; a colleague approves.
    save_draft(client, moderator, anje_story, "Door de moderator herschreven.")
    client.force_login(moderator2)
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Akkoord ambassadeur"
    assert "herschreven" not in public_html(client, anje_story)

    client.force_login(anje)
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Goedkeuring Klaver CT"
    client.force_login(moderator2)
    workflow_action(client, anje_story, "approve")
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED
    assert "Door de moderator herschreven." in public_html(client, anje_story)


@pytest.mark.django_db
def test_a_resubmission_after_a_final_rejection_asks_the_ambassador_again(
    client, anje, anje_story, marketing, marketing2, moderator
):
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing)
    workflow_action(client, anje_story, "approve")
    client.force_login(moderator)
    workflow_action(client, anje_story, "reject", comment="Graag korter.")

    # Marketing shortens it and resubmits: the review resumes at the final step, which sends
    # it to Anje first, since she has not seen Marketing's text.
    submit(client, marketing2, anje_story, answer="<p>Korter.</p>")
    assert current_step(anje_story) == "Akkoord ambassadeur"
    assert "Korter." not in public_html(client, anje_story)
