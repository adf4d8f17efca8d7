"""
Who may do what, through the admin's own views (the test client), for each role × action
on the ambassador's own story, on another ambassador's story and on the home page.

A refused action in Wagtail's admin is often a redirect rather than a 403, so every case
asserts the database (or what the response shows), never only the status code.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState

from ambassadors.models import AmbassadorPage
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url

SECRET_DRAFT = "Dit concept van Magda is nog geheim."
ACTIONS = ["view", "edit", "preview", "submit", "publish", "unpublish", "delete", "move", "copy", "lock"]


@pytest.fixture
def pages(home_page, anje_story, magda_story, magda):
    """The three targets; Magda's story has an unpublished draft Anje must never see."""
    draft = magda_story.get_latest_revision_as_object()
    draft.introduction = SECRET_DRAFT
    draft.save_revision(user=magda)
    home_page.save_revision().publish()
    return {"own": anje_story, "other": magda_story, "home": Page.objects.get(pk=home_page.pk).specific}


@pytest.fixture
def users(anje, marketing, moderator):
    return {"ambassador": anje, "marketing": marketing, "moderator": moderator}


def form_data(page, action=None):
    field = "introduction" if isinstance(page, AmbassadorPage) else "hero_text"
    return editor_form_data(page, action=action, **{field: "Gewijzigd via het formulier."})


def latest_revision(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).order_by("-created_at", "-id").first()


def perform(action, client, user, page):
    """Try `action` as `user` through the admin; return whether it took effect."""
    page = Page.objects.get(pk=page.pk).specific
    form_action = {"submit": "action-submit", "publish": "action-publish"}.get(action)
    data = form_data(page, action=form_action)
    client.force_login(user)
    if action == "view":
        response = client.get(edit_url(page))
        return response.status_code == 200 and page.title in response.content.decode()
    if action == "edit":
        before = latest_revision(page)
        client.post(edit_url(page), data)
        after = latest_revision(page)
        return after != before and after.user == user
    if action == "preview":
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        client.post(url, data)
        response = client.get(url)
        return response.status_code == 200 and "Gewijzigd via het formulier." in response.content.decode()
    if action == "submit":
        client.post(edit_url(page), data)
        return WorkflowState.objects.filter(object_id=str(page.pk), requested_by=user).exists()
    if action == "publish":
        live_before = page.live_revision_id
        client.post(edit_url(page), data)
        return Page.objects.get(pk=page.pk).live_revision_id != live_before
    if action == "unpublish":
        client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        return not Page.objects.get(pk=page.pk).live
    if action == "delete":
        client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        return not Page.objects.filter(pk=page.pk).exists()
    if action == "move":
        # Reorder among its siblings: the one move a story or the home page can make.
        siblings_before = list(page.get_parent().get_children().values_list("pk", flat=True))
        client.post(reverse("wagtailadmin_pages:set_page_position", args=[page.pk]) + "?position=0")
        siblings_after = list(page.get_parent().get_children().values_list("pk", flat=True))
        return siblings_after != siblings_before
    if action == "copy":
        count = Page.objects.count()
        client.post(
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": page.get_parent().pk},
        )
        return Page.objects.count() > count
    if action == "lock":
        client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
        return Page.objects.get(pk=page.pk).locked
    raise AssertionError(action)


Y, N = True, False
# (role, target): view, edit, preview, submit, publish, unpublish, delete, move, copy, lock
MATRIX = {
    ("ambassador", "own"): [Y, Y, Y, Y, N, N, N, N, N, N],
    ("ambassador", "other"): [N, N, N, N, N, N, N, N, N, N],
    ("ambassador", "home"): [N, N, N, N, N, N, N, N, N, N],
    ("marketing", "own"): [Y, Y, Y, Y, N, N, N, N, Y, N],
    ("marketing", "home"): [Y, Y, Y, Y, N, N, N, N, N, N],
    ("moderator", "own"): [Y, Y, Y, Y, N, Y, N, N, N, Y],
    ("moderator", "home"): [Y, Y, Y, Y, N, Y, N, N, N, Y],
}
CASES = [
    pytest.param(role, target, action, expected, id=f"{role}-{target}-{action}")
    for (role, target), row in MATRIX.items()
    for action, expected in zip(ACTIONS, row, strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "target", "action", "expected"), CASES)
def test_permission_matrix(client, pages, users, role, target, action, expected):
    assert perform(action, client, users[role], pages[target]) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["own", "home"])
def test_superuser_cannot_publish_directly_either(client, pages, superuser, target):
    assert perform("publish", client, superuser, pages[target]) is False
    assert perform("submit", client, superuser, pages[target]) is True


@pytest.mark.django_db
def test_guessed_urls_of_another_story_show_nothing_of_it(client, pages, anje):
    other = pages["other"]
    secret_revision = latest_revision(other)
    own_revision = latest_revision(pages["own"])
    urls = [
        reverse("wagtailadmin_pages:edit", args=[other.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[other.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[other.pk, secret_revision.pk]),
        reverse("wagtailadmin_pages:revisions_revert", args=[other.pk, secret_revision.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[other.pk, "live", secret_revision.pk]),
        reverse("wagtailadmin_pages:history", args=[other.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[other.pk]),
        reverse("wagtailadmin_pages:copy", args=[other.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[other.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[other.pk]),
        # Another story's revision id behind the ambassador's own page id.
        reverse("wagtailadmin_pages:revisions_view", args=[pages["own"].pk, secret_revision.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[pages["own"].pk, own_revision.pk, secret_revision.pk]),
    ]
    client.force_login(anje)
    for url in urls:
        response = client.get(url, follow=True)
        assert SECRET_DRAFT not in response.content.decode(), url
        assert response.redirect_chain or response.status_code in (403, 404), url


@pytest.mark.django_db
def test_ambassador_sees_no_settings_users_or_forms(client, anje, pages):
    client.force_login(anje)
    for url in [
        "/admin/users/",
        "/admin/groups/",
        "/admin/settings/home/organisationsettings/",
        "/admin/workflows/",
        "/admin/contact/contactrequest/",
    ]:
        response = client.get(url)
        assert response.status_code != 200, url
    # Nor in the admin menu.
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    for url in ["/admin/users/", "/admin/settings/", "/admin/forms/", "/admin/snippets/", "/admin/contact/"]:
        assert url not in dashboard, url


@pytest.mark.django_db
def test_ambassador_cannot_hand_the_story_to_another_account(client, pages, anje, magda):
    story = pages["own"]
    client.force_login(anje)
    client.post(edit_url(story), editor_form_data(story, ambassador_account=magda.pk))
    revision = latest_revision(story)
    assert revision.user == anje
    assert revision.as_object().ambassador_account == anje
    assert 'name="ambassador_account"' not in client.get(edit_url(story)).content.decode()


@pytest.mark.django_db
def test_inactive_ambassador_has_no_access(client, pages, anje):
    anje.is_active = False
    anje.save()
    story = pages["own"]
    before = latest_revision(story)
    assert not client.login(username="anje", password="Glans-w8woord!")
    client.force_login(anje)  # a session from before the account was switched off
    response = client.get(edit_url(story))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    client.post(edit_url(story), editor_form_data(story))
    assert latest_revision(story) == before


@pytest.mark.django_db
def test_a_new_account_link_moves_access_to_the_new_ambassador(pages, anje, magda):
    story = AmbassadorPage.objects.get(pk=pages["own"].pk)
    assert story.permissions_for_user(anje).can_edit()
    story.ambassador_account = magda
    story.save_revision().publish()
    story = AmbassadorPage.objects.get(pk=story.pk)
    assert not story.permissions_for_user(get_user_model().objects.get(pk=anje.pk)).can_edit()
    assert story.permissions_for_user(get_user_model().objects.get(pk=magda.pk)).can_edit()


@pytest.mark.django_db
def test_editor_offers_no_publish_button_only_submission(client, pages, moderator, superuser):
    for user in (moderator, superuser):
        client.force_login(user)
        editor = client.get(edit_url(pages["home"])).content.decode()
        assert 'name="action-publish"' not in editor
        assert 'name="action-submit"' in editor
