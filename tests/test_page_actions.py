"""
Every page action × every route that can trigger it × every role, superusers included.

The rules live in one place, the page permission tester (core/permissions.py); these tests
try the doors: the editor, the create and revert views, the action views, bulk actions, the
admin's JSON API (/admin/api/main/pages/<id>/action/<name>/) and scheduled publishing. Each
case asserts the database and what the public site shows, never only a status code.
"""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, get_page_models

from ambassadors.factories import AmbassadorPageFactory
from core.pages import SitePage
from core.permissions import SitePagePermissionTester
from home.factories import ContentPageFactory
from home.models import ContentPage
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url

ROLES = ["ambassador", "marketing", "moderator", "superuser"]
NEW_TEXT = "Deze tekst is nooit goedgekeurd."


@pytest.fixture
def actors(anje, marketing, moderator, superuser):
    return {"ambassador": anje, "marketing": marketing, "moderator": moderator, "superuser": superuser}


def live(page):
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def tree(home_page, ambassador_index, anje_story, anje, school):
    """Live and draft pages, and a login-restricted section with a live page in it."""
    home = live(home_page)
    draft_story = AmbassadorPageFactory(
        parent=ambassador_index,
        title="Anje concept",
        slug="anje-concept",
        school=school,
        ambassador_account=anje,
        live=False,
    )
    draft_story.save_revision()
    draft = ContentPageFactory(parent=home, title="Concept", slug="concept", live=False)
    draft.save_revision()
    draft_parent = ContentPageFactory(parent=home, title="Map", slug="map", live=False)
    draft_parent.save_revision()
    live_child = live(ContentPageFactory(parent=draft_parent, title="Op de site", slug="op-de-site"))
    target = live(ContentPageFactory(parent=home, title="Doel", slug="doel"))
    about = live(ContentPageFactory(parent=home, title="Over ons", slug="over-ons"))
    internal = live(ContentPageFactory(parent=home, title="Intern", slug="intern"))
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
    report = live(ContentPageFactory(parent=internal, title="Verslag", slug="verslag", introduction="Vertrouwelijk."))
    internal_draft = ContentPageFactory(parent=internal, title="Intern concept", slug="intern-concept", live=False)
    internal_draft.save_revision()
    return {
        "home": home,
        "story": anje_story,
        "draft_story": draft_story,
        "draft": draft,
        "draft_parent": draft_parent,
        "live_child": live_child,
        "target": target,
        "about": about,
        "internal": internal,
        "report": report,
        "internal_draft": internal_draft,
    }


def fresh(page):
    return Page.objects.filter(pk=page.pk).first()


def public(client, path):
    client.logout()
    return client.get(path)


def api(client, page, action, data=None):
    url = f"/admin/api/main/pages/{page.pk}/action/{action}/"
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def bulk(client, action, pages, data=None, next_url="/admin/"):
    query = "&".join(f"id={page.pk}" for page in pages)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?{query}&next={next_url}"
    return client.post(url, data or {})


# Publishing: nobody, by any door, superusers included.


def draft_change(page, user=None):
    draft = page.get_latest_revision_as_object()
    draft.introduction = NEW_TEXT
    return draft.save_revision(user=user)


def publish_via(route, client, story):
    if route == "edit":
        client.post(edit_url(story), editor_form_data(story, action="action-publish", introduction=NEW_TEXT))
    elif route == "revert":
        url = reverse("wagtailadmin_pages:revisions_revert", args=[story.pk, story.live_revision_id])
        client.post(url, editor_form_data(story, action="action-publish", introduction=NEW_TEXT))
    elif route == "bulk":
        draft_change(story)
        bulk(client, "publish", [story])
    elif route == "api":
        draft_change(story)
        api(client, story, "publish")
    elif route == "schedule":
        # A go-live date set by someone who may not publish schedules nothing.
        go_live = (timezone.now() - timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M")
        client.post(edit_url(story), editor_form_data(story, introduction=NEW_TEXT, go_live_at=go_live))
        call_command("publish_scheduled")
    else:
        raise AssertionError(route)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["edit", "revert", "bulk", "api", "schedule"])
@pytest.mark.parametrize("role", ROLES)
def test_nobody_publishes_a_story_directly(client, tree, actors, role, route):
    story = tree["story"]
    live_revision = story.live_revision_id
    client.force_login(actors[role])
    publish_via(route, client, story)
    assert fresh(story).live_revision_id == live_revision
    assert NEW_TEXT not in public(client, story.url).content.decode()


def content_page_form(slug, action=None):
    return editor_form_data(ContentPage(title="Nieuw", slug=slug, introduction=NEW_TEXT), action=action)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["marketing", "moderator", "superuser"])
def test_the_create_view_never_publishes_a_new_page(client, tree, actors, role):
    client.force_login(actors[role])
    url = reverse("wagtailadmin_pages:add", args=["home", "contentpage", tree["home"].pk])
    client.post(url, content_page_form("nieuw", action="action-publish"))
    assert not Page.objects.filter(slug="nieuw", live=True).exists()
    assert public(client, "/nieuw/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_reverting_through_the_api_makes_a_draft_only(client, tree, actors, role):
    story = tree["story"]
    old = story.live_revision
    draft_change(story, user=actors["marketing"]).publish()  # the changed text is live now
    story = fresh(story).specific
    live_revision = story.live_revision_id
    client.force_login(actors[role])
    api(client, story, "revert_to_page_revision", {"revision_id": old.pk})
    assert fresh(story).live_revision_id == live_revision
    assert NEW_TEXT in public(client, story.url).content.decode()


# Unpublishing: Moderatoren and superusers.


def unpublish_via(route, client, page):
    if route == "view":
        client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    elif route == "bulk":
        bulk(client, "unpublish", [page])
    elif route == "api":
        api(client, page, "unpublish")


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["view", "bulk", "api"])
@pytest.mark.parametrize(
    ("role", "allowed"), [("ambassador", False), ("marketing", False), ("moderator", True), ("superuser", True)]
)
def test_only_moderators_unpublish(client, tree, actors, role, allowed, route):
    story = tree["story"]
    client.force_login(actors[role])
    unpublish_via(route, client, story)
    assert fresh(story).live is not allowed
    assert public(client, story.url).status_code == (404 if allowed else 200)


# Deleting: never what is on the site; only Marketing and superusers, only drafts.


def delete_via(route, client, page):
    if route == "view":
        client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    elif route == "bulk":
        bulk(client, "delete", [page])
    elif route == "api":
        api(client, page, "delete")


DELETABLE_BY = {"story": set(), "live_child": set(), "draft_parent": set(), "draft_story": {"marketing", "superuser"}}


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["view", "bulk", "api"])
@pytest.mark.parametrize("target", list(DELETABLE_BY))
@pytest.mark.parametrize("role", ROLES)
def test_who_deletes_what(client, tree, actors, role, target, route):
    page = tree[target]
    url = page.url
    client.force_login(actors[role])
    delete_via(route, client, page)
    deleted = fresh(page) is None
    assert deleted is (role in DELETABLE_BY[target])
    if page.live:
        assert public(client, url).status_code == 200
    if target == "draft_parent":
        assert fresh(tree["live_child"]) is not None


@pytest.mark.django_db
def test_the_ambassador_may_edit_the_draft_story_they_cannot_delete(tree, anje):
    # So the refusal above is the delete rule, not a lack of access.
    assert tree["draft_story"].permissions_for_user(anje).can_edit()


# Copying: never published, never an alias, never by an ambassador or a moderator.


def copy_via(route, client, page, destination, slug="kopie", recursive=False):
    if route.startswith("view"):
        data = {"new_title": "Kopie", "new_slug": slug, "new_parent_page": destination.pk}
        if recursive:
            data["copy_subpages"] = "on"
        if route == "view-publish":
            data["publish_copies"] = "on"
        if route == "view-alias":
            data["alias"] = "on"
        client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)
    elif route == "api-alias":
        api(client, page, "create_alias", {"destination_page_id": destination.pk, "update_slug": slug})
    else:
        keep_live = route == "api-publish"
        data = {"destination_page_id": destination.pk, "slug": slug, "keep_live": keep_live, "recursive": recursive}
        api(client, page, "copy", data)


COPY_ROUTES = ["view", "view-publish", "view-alias", "api", "api-publish", "api-alias"]


@pytest.mark.django_db
@pytest.mark.parametrize("route", COPY_ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_a_copy_is_never_live(client, tree, actors, role, route):
    story = tree["story"]
    client.force_login(actors[role])
    copy_via(route, client, story, tree["story"].get_parent())
    copy = Page.objects.filter(slug="kopie").first()
    assert (copy is not None) is (route in ("view", "api") and role in ("marketing", "superuser"))
    if copy is not None:
        assert not copy.live and copy.alias_of_id is None
    assert public(client, story.get_parent().specific.url + "kopie/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["view", "api"])
@pytest.mark.parametrize("role", ["marketing", "superuser"])
def test_a_copy_never_leaves_a_view_restriction_behind(client, tree, actors, role, route):
    client.force_login(actors[role])
    # From the login-only section to a public place: refused.
    copy_via(route, client, tree["report"], tree["home"], slug="verslag-kopie")
    assert not Page.objects.filter(slug="verslag-kopie").exists()
    # A whole tree with a restricted page in it: Wagtail would drop that page's restriction.
    section = live(ContentPageFactory(parent=tree["home"], title="Sectie", slug="sectie"))
    restricted = live(ContentPageFactory(parent=section, title="Besloten", slug="besloten"))
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    copy_via(route, client, section, tree["target"], slug="sectie-kopie", recursive=True)
    assert not Page.objects.filter(slug="sectie-kopie").exists()
    # The restricted page itself, next to itself: the copy keeps the restriction.
    copy_via(route, client, tree["internal"], tree["home"], slug="intern-kopie")
    copy = Page.objects.get(slug="intern-kopie")
    assert PageViewRestriction.objects.filter(page=copy, restriction_type=PageViewRestriction.LOGIN).exists()


@pytest.mark.django_db
def test_a_copy_into_a_password_section_keeps_the_login_restriction_or_is_refused(client, tree, superuser):
    PageViewRestriction.objects.create(page=tree["target"], restriction_type="password", password="geheim")
    client.force_login(superuser)
    copy_via("api", client, tree["internal"], tree["target"], slug="intern-kopie")
    assert not Page.objects.filter(slug="intern-kopie").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["view", "api"])
def test_nothing_is_copied_below_the_tree_root(client, tree, superuser, route):
    # Wagtail's root is a plain Page whose own tester would let a superuser publish there.
    client.force_login(superuser)
    copy_via(route, client, tree["about"], Page.get_first_root_node(), slug="over-ons-kopie")
    assert not Page.objects.filter(slug="over-ons-kopie").exists()


# Moving: only pages that are not on the site, never out of a restricted section.


def move_via(route, client, page, destination):
    if route == "view":
        client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]))
    elif route == "bulk":
        bulk(client, "move", [page], {"chooser": destination.pk})
    elif route == "api":
        api(client, page, "move", {"destination_page_id": destination.pk, "position": "last-child"})


MOVABLE_BY = {"draft": {"marketing", "superuser"}, "about": set(), "internal_draft": set()}


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["view", "bulk", "api"])
@pytest.mark.parametrize("target", list(MOVABLE_BY))
@pytest.mark.parametrize("role", ROLES)
def test_who_moves_what(client, tree, actors, role, target, route):
    page = tree[target]
    client.force_login(actors[role])
    move_via(route, client, page, tree["target"])
    moved = fresh(page).get_parent().pk == tree["target"].pk
    assert moved is (role in MOVABLE_BY[target])
    if target == "about":
        assert public(client, "/over-ons/").status_code == 200


# Locking: Moderatoren and superusers, also while a step of the workflow is under way.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"), [("ambassador", False), ("marketing", False), ("moderator", True), ("superuser", True)]
)
def test_only_moderators_lock_and_unlock(client, tree, actors, role, allowed):
    story = tree["story"]
    story.get_workflow().start(story, actors["ambassador"])  # at "Redactie", Marketing's step
    client.force_login(actors[role])
    client.post(reverse("wagtailadmin_pages:lock", args=[story.pk]))
    assert fresh(story).locked is allowed
    Page.objects.filter(pk=story.pk).update(locked=True, locked_by=actors["superuser"], locked_at=timezone.now())
    client.post(reverse("wagtailadmin_pages:unlock", args=[story.pk]))
    assert fresh(story).locked is not allowed


# Privacy: making a page public is a go-live.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"), [("ambassador", False), ("marketing", False), ("moderator", True), ("superuser", True)]
)
def test_only_moderators_change_who_may_see_a_page(client, tree, actors, role, allowed):
    client.force_login(actors[role])
    client.post(reverse("wagtailadmin_pages:set_privacy", args=[tree["internal"].pk]), {"restriction_type": "none"})
    assert PageViewRestriction.objects.filter(page=tree["internal"]).exists() is not allowed
    response = public(client, "/intern/verslag/")
    assert ("Vertrouwelijk." in response.content.decode()) is allowed


# The final approval and the model API still publish.


@pytest.mark.django_db
def test_the_last_approval_publishes_and_the_model_api_still_does(tree, actors, moderator2):
    about = ContentPage.objects.get(pk=tree["about"].pk)
    about.introduction = NEW_TEXT
    about.save_revision(user=actors["marketing"])
    about.get_workflow().start(about, actors["marketing"])
    about = ContentPage.objects.get(pk=about.pk)
    about.current_workflow_task.on_action(about.current_workflow_task_state, moderator2, "approve")
    assert ContentPage.objects.get(pk=about.pk).introduction == NEW_TEXT
    draft = ContentPage.objects.get(pk=tree["draft"].pk)
    draft.save_revision().publish()
    assert fresh(draft).live


# Every page type of the site answers with the site's rules.


@pytest.mark.django_db
@pytest.mark.parametrize("model", [m for m in get_page_models() if m is not Page], ids=lambda m: m.__name__)
def test_every_page_type_uses_the_site_rules(tree, superuser, model):
    assert issubclass(model, SitePage)
    page = Page.objects.filter(content_type__model=model._meta.model_name).first()
    if page is not None:  # a plain Page row of this type is cast to it
        assert isinstance(page.permissions_for_user(superuser), SitePagePermissionTester)
        assert not page.permissions_for_user(superuser).can_publish()


# A redirect after a bulk action goes to a path on this site only.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/admin/pages/", "/admin/pages/"),
        ("https://evil.example/", "/admin/"),
        ("//evil.example/", "/admin/"),
        ("https:/evil.example/", "/admin/"),
    ],
)
def test_bulk_action_redirect_stays_on_this_site(client, tree, superuser, next_url, expected):
    client.force_login(superuser)
    response = bulk(client, "publish", [tree["story"]], next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert fresh(tree["story"]).live_revision_id == tree["story"].live_revision_id
