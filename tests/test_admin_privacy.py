"""
An ambassador sees no other page's draft title and no staff names anywhere in the admin they
can open: choosers, search, bulk-action confirmations, reports, history, their own editor.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Comment, Page

from ambassadors import admin_privacy
from ambassadors.factories import AmbassadorPageFactory
from ambassadors.models import AmbassadorPage
from core import wagtail_internals
from tests.support.users import make_user
from tests.support.workflow import submit, workflow_action

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "GEHEIM-CONCEPT-9931"
UNPUBLISHED_TITLE = "ONGEPUBLICEERD-5521"
STAFF_MARK = "zq7xk"  # in every staff username
SECRETS = [DRAFT_TITLE, UNPUBLISHED_TITLE, STAFF_MARK]


@pytest.fixture
def scene(anje, anje_story, magda_story, ambassador_index, home_page, school):
    """Staff have renamed Magda's story in a draft, started a page, locked, edited and commented on Anje's."""
    editor = make_user(f"redacteur-{STAFF_MARK}", "Marketing", first_name="", last_name="")
    moderator = make_user(f"moderator-{STAFF_MARK}", "Moderatoren", first_name="", last_name="")
    magda = AmbassadorPage.objects.get(pk=magda_story.pk)
    magda.title = DRAFT_TITLE
    magda.save_revision(user=editor, log_action=True)
    AmbassadorPageFactory(parent=ambassador_index, title=UNPUBLISHED_TITLE, live=False)

    story = AmbassadorPage.objects.get(pk=anje_story.pk)
    story.quote = "Aangepast door de redactie"
    revision = story.save_revision(user=editor, log_action=True)
    Comment.objects.create(page=story, user=editor, text="Mooi verhaal", contentpath="quote", revision_created=revision)
    AmbassadorPage.objects.filter(pk=story.pk).update(locked=True, locked_by=moderator)
    return {
        "root": Page.get_first_root_node().pk,
        "home": home_page.pk,
        "index": ambassador_index.pk,
        "magda": magda_story.pk,
        "anje": anje_story.pk,
        "school": school.pk,
    }


AMBASSADOR_URLS = """
/admin/
/admin/choose-page/
/admin/choose-page/{root}/
/admin/choose-page/{home}/
/admin/choose-page/{index}/
/admin/choose-page/{magda}/
/admin/choose-page/search/?q=GEHEIM
/admin/choose-page/search/?q=Magda
/admin/choose-page/search/?q=ONGEPUBLICEERD
/admin/choose-page/chosen-multiple/?id={magda}
/admin/pages/search/?q=Magda
/admin/pages/search/results/?q=Magda
/admin/bulk/wagtailcore/page/delete/?id={magda}
/admin/bulk/wagtailcore/page/unpublish/?id={magda}
/admin/bulk/wagtailcore/page/move/?id={magda}
/admin/bulk/wagtailcore/page/publish/?id={magda}
/admin/reports/locked/
/admin/reports/workflow/
/admin/reports/workflow_tasks/
/admin/reports/site-history/
/admin/reports/aging-pages/
/admin/reports/page-types-usage/
/admin/forms/
/admin/api/main/pages/?fields=admin_display_title
/admin/api/main/pages/?child_of={index}&fields=admin_display_title
/admin/api/main/pages/{index}/?fields=admin_display_title
/admin/pages/{anje}/edit/
/admin/pages/{anje}/history/
/admin/pages/{anje}/revisions/
/admin/pages/{anje}/workflow_history/
/admin/pages/{anje}/revisions/compare/earliest...latest/
/admin/pages/{magda}/edit/
/admin/pages/{magda}/history/
/admin/pages/{magda}/view_draft/
"""


def body_of(response):
    return response.content.decode(errors="replace")


def test_an_ambassador_sees_no_draft_titles_and_no_staff_names(client, anje, scene):
    client.force_login(anje)

    for url in AMBASSADOR_URLS.format(**scene).split():
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        body = body_of(response)
        for secret in SECRETS:
            assert secret.lower() not in body.lower(), (url, secret)

    editor = client.get(f"/admin/pages/{scene['anje']}/edit/").text
    assert "door Klaver CT" in editor  # who saved the draft
    assert "alleen Klaver CT kan" in editor  # who locked the story
    assert '"name": "Klaver CT"' in editor  # who commented
    assert '"name": "Anje Bechtel"' in editor  # the ambassador herself keeps her name


def test_views_ambassadors_do_not_need_are_refused_and_hidden(client, anje, scene):
    client.force_login(anje)

    dashboard = client.get("/admin/")
    for url in [
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        f"/admin/pages/{scene['anje']}/history/",
        f"/admin/bulk/wagtailcore/page/delete/?id={scene['magda']}",
    ]:
        response = client.get(url, follow=True)
        assert response.redirect_chain[0][0] == reverse("wagtailadmin_home"), url
        assert str(admin_privacy.NO_ACCESS) in response.text, url
    client.post(f"/admin/bulk/wagtailcore/page/delete/?id={scene['magda']}")

    assert reverse("wagtailadmin_reports:site_history") not in dashboard.text
    assert reverse("wagtailforms:index") not in dashboard.text
    assert Page.objects.filter(pk=scene["magda"]).exists()


def test_admin_users_without_page_rights_see_no_drafts_either(client, scene):
    secretary = make_user("secretaris", "Secretariaat")
    client.force_login(secretary)

    for url in [
        f"/admin/choose-page/{scene['index']}/",
        "/admin/choose-page/search/?q=Magda",
        f"/admin/choose-page/{scene['magda']}/",
        f"/admin/bulk/wagtailcore/page/delete/?id={scene['magda']}",
        "/admin/reports/site-history/",
    ]:
        body = body_of(client.get(url))
        for secret in SECRETS:
            assert secret.lower() not in body.lower(), (url, secret)


def test_the_page_chooser_offers_ambassadors_live_titles_and_their_own_story(client, anje, scene):
    client.force_login(anje)

    stories = client.get(f"/admin/choose-page/{scene['index']}/").text
    search = client.get("/admin/choose-page/search/?q=Kingschool").text

    assert "Anje Bechtel" in stories
    assert "Magda Nijmeijer" not in stories  # live, but with a renamed draft: not offered at all
    assert "Kingschool" in search  # a live school to link to


def test_staff_keep_seeing_drafts_names_and_reports(client, marketing, scene):
    client.force_login(marketing)

    chooser = client.get(f"/admin/choose-page/{scene['index']}/").text
    history = client.get("/admin/reports/site-history/")
    editor = client.get(f"/admin/pages/{scene['anje']}/edit/").text

    assert DRAFT_TITLE in chooser and UNPUBLISHED_TITLE in chooser
    assert history.status_code == 200 and STAFF_MARK in history.text
    assert STAFF_MARK in editor


def test_wagtail_still_names_users_where_the_privacy_layer_expects():
    """Fails loudly when a Wagtail upgrade moves the function the admin names users with."""
    for module_name in wagtail_internals.USER_NAMING_MODULES:
        module = __import__(module_name, fromlist=["get_user_display_name"])
        assert module.get_user_display_name is admin_privacy.user_display_name_for_viewer, module_name


def test_a_review_comment_reaches_the_ambassador_without_the_reviewers_name(client, anje, anje_story):
    author = make_user(f"auteur-{STAFF_MARK}", "Marketing", first_name="", last_name="")
    reviewer = make_user(f"beoordelaar-{STAFF_MARK}", "Marketing", first_name="", last_name="")
    submit(client, author, anje_story, answer="<p>Door de redactie herschreven.</p>")
    client.force_login(reviewer)
    workflow_action(client, anje_story, "reject", comment="Graag een foto van het schoolplein.")
    client = Client()  # Anje's own browser: the reviewer's unread messages stay in the reviewer's
    client.force_login(anje)

    dashboard = client.get(reverse("wagtailadmin_home")).text
    editor = client.get(f"/admin/pages/{anje_story.pk}/edit/").text

    assert "Graag een foto van het schoolplein." in dashboard
    for body in (dashboard, editor):
        assert STAFF_MARK not in body
