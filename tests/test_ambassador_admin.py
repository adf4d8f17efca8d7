"""
The admin made for ambassadors (issue 16): what they see and can do, and what holds in the
database whatever they post. The crawl of every admin page is tests/test_admin_language.py.
"""

import ast
import importlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission

from ambassadors.factories import AmbassadorPageFactory
from ambassadors.models import AmbassadorPage
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url
from tests.support.users import make_user
from tests.support.workflow import save_draft, submit

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def sidebar_text(response):
    return soup(response).find("script", id="wagtail-sidebar-props").string


# Eigenschappen: slug, menu and SEO fields stay with Marketing.


CRAFTED = {
    "slug": "mijn-eigen-adres",
    "seo_title": "Gekaapte titel",
    "search_description": "Gekaapte beschrijving",
    "show_in_menus": "on",
}


def test_an_ambassador_cannot_change_slug_menu_or_seo_fields_even_by_a_crafted_post(anje, anje_story):
    client = logged_in(anje)
    response = client.post(edit_url(anje_story), editor_form_data(anje_story, action="action-submit", **CRAFTED))
    assert response.status_code == 302
    story = AmbassadorPage.objects.get(pk=anje_story.pk)
    assert story.current_workflow_state is not None  # the submission went through
    for draft in (story, story.get_latest_revision_as_object()):
        assert draft.slug == "anje-bechtel"
        assert draft.seo_title == ""
        assert draft.search_description == ""
        assert draft.show_in_menus is False


def test_the_ambassador_sees_no_eigenschappen_and_marketing_does(anje, anje_story, marketing):
    mine = logged_in(anje).get(edit_url(anje_story)).content.decode()
    assert 'name="slug"' not in mine
    assert 'name="seo_title"' not in mine
    assert "Eigenschappen" not in mine
    theirs = logged_in(marketing).get(edit_url(anje_story)).content.decode()
    assert 'name="slug"' in theirs
    assert "Eigenschappen" in theirs


def test_marketing_still_changes_the_slug(marketing, anje_story):
    client = logged_in(marketing)
    client.post(edit_url(anje_story), editor_form_data(anje_story, slug="anje-bechtel-kingschool"))
    assert (
        AmbassadorPage.objects.get(pk=anje_story.pk).get_latest_revision_as_object().slug == "anje-bechtel-kingschool"
    )


# Submitting and waiting for the review.


def test_after_submitting_she_lands_on_my_story_told_what_happens_next(client, anje, anje_story):
    response = submit(client, anje, anje_story, answer="<p>Nieuw antwoord.</p>")
    assert response["Location"] == reverse("wagtailadmin_home")
    page = soup(client.get(response["Location"]))
    assert page.find(id="my-story-heading").get_text() == "Mijn verhaal"
    messages = page.select(".messages li")
    assert any("Je verhaal is ingediend" in message.get_text() for message in messages)
    assert page.select_one("[data-story-state]").get_text() == "Bij de redactie"


def test_in_review_the_main_button_says_where_the_story_is_not_cancel(client, anje, anje_story, contact_page):
    submit(client, anje, anje_story, answer="<p>Nieuw antwoord.</p>")
    editor = soup(client.get(edit_url(anje_story)))
    footer = editor.select_one("footer, .footer") or editor
    main = footer.select_one("[data-story-step]")
    assert main is not None and main.get_text(strip=True) == "Bij de redactie"
    buttons = [button.get_text(" ", strip=True) for button in footer.select("button")]
    assert buttons.index("Bij de redactie") < buttons.index("Indienen intrekken")
    dashboard = soup(client.get(reverse("wagtailadmin_home")))
    assert "secretariaat@klaverct.example" in dashboard.select_one("[data-story-contact]").get_text()


# Menus, help, copying, brand.


def test_no_reports_no_wagtail_help_but_the_projects_guide(anje, anje_story):
    response = logged_in(anje).get(reverse("wagtailadmin_home"))
    menu = sidebar_text(response)
    for absent in ("Rapporten", "Editor Guide", "Handleiding van Wagtail", "Nieuw in versie", "wagtail.org"):
        assert absent not in menu
    assert reverse("ambassadors_guide") in menu
    guide = soup(logged_in(anje).get(reverse("ambassadors_guide")))
    assert guide.select_one("[data-guide] h2").get_text() == "Je eigen verhaal bewerken: handleiding voor ambassadeurs"
    assert "Concept opslaan" in guide.select_one("[data-guide]").get_text()


def test_copy_is_not_offered_to_an_ambassador(anje, anje_story):
    client = logged_in(anje)
    copy_url = reverse("wagtailadmin_pages:copy", args=[anje_story.pk])
    for path in (edit_url(anje_story), reverse("wagtailadmin_explore", args=[anje_story.get_parent().pk])):
        assert copy_url not in client.get(path).content.decode()


def test_the_admin_is_branded_glans_techniek_not_wagtail(anje, anje_story):
    home = soup(logged_in(anje).get(reverse("wagtailadmin_home")))
    assert home.title.get_text(strip=True) == "Dashboard - Glans-techniek"
    login = soup(Client().get(reverse("wagtailadmin_login")))
    assert "Wagtail" not in login.title.get_text() + login.h1.get_text()
    assert login.find("label", attrs={"for": "id_password"}).get_text(strip=True).startswith("Wachtwoord")


# Autosave off; undo in one click.


def test_the_editor_does_not_autosave(anje, anje_story):
    form = soup(logged_in(anje).get(edit_url(anje_story))).find("form", id="page-edit-form")
    assert "w-autosave" not in form["data-controller"]


def test_the_last_save_is_undone_from_my_story_in_one_step(client, anje, anje_story):
    save_draft(client, anje, anje_story, "Een verkeerde wijziging.")
    undo = soup(client.get(reverse("wagtailadmin_home"))).select_one("[data-undo-last-save]")
    editor = client.get(undo["href"])
    assert editor.status_code == 200
    # The revert view fills the editor with the earlier version; saving it is the undo.
    assert "Een verkeerde wijziging." not in editor.content.decode()
    assert "We volgen samen de lessen." in editor.content.decode()


# Group names say whose story.


def test_a_storys_group_is_named_after_it_and_follows_its_title(anje, anje_story):
    assert list(anje.groups.exclude(name="Ambassadeurs").values_list("name", flat=True)) == ["Verhaal: Anje Bechtel"]
    anje_story.title = "Anje Bechtel-Smit"
    anje_story.save_revision().publish()
    assert list(anje.groups.exclude(name="Ambassadeurs").values_list("name", flat=True)) == [
        "Verhaal: Anje Bechtel-Smit"
    ]


def test_two_stories_with_one_title_get_distinct_group_names(ambassador_index, school, anje, anje_story):
    namesake = make_user("anje2", "Ambassadeurs")
    other = AmbassadorPageFactory(
        parent=ambassador_index, title="Anje Bechtel", slug="anje-bechtel-2", school=school, ambassador_account=namesake
    )
    assert list(namesake.groups.exclude(name="Ambassadeurs").values_list("name", flat=True)) == [
        f"Verhaal: Anje Bechtel ({other.pk})"
    ]
    assert anje.groups.filter(name="Verhaal: Anje Bechtel").exists()


def test_the_migration_renames_existing_story_groups(anje, anje_story):
    group = anje.groups.get(name="Verhaal: Anje Bechtel")
    group.name = f"Ambassadeursverhaal {anje_story.pk}"
    group.save()
    migration = importlib.import_module("ambassadors.migrations.0009_story_group_names")
    migration.name_after_story(apps, None)
    group.refresh_from_db()
    assert group.name == "Verhaal: Anje Bechtel"
    assert GroupPagePermission.objects.filter(group=group, page=anje_story).exists()


# The compiled translations match their source.


def unquote(quoted):
    """A .po string (one or more quoted lines) as text."""
    return "".join(ast.literal_eval(line) for line in quoted.strip().splitlines())


def po_entries(text):
    """(msgid, msgstr) of each singular entry of a .po file."""
    entries = []
    for block in re.split(r"\n\s*\n", text):
        parts = dict(re.findall(r'^(msgid|msgstr) ((?:".*"\n?)+)', block + "\n", flags=re.M))
        if "msgid" in parts and "msgstr" in parts and unquote(parts["msgid"]):
            entries.append((unquote(parts["msgid"]), unquote(parts["msgstr"])))
    return entries


def test_the_committed_mo_holds_every_override_of_the_po():
    import gettext

    with open(LOCALE_DIR / "django.mo", "rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    entries = po_entries((LOCALE_DIR / "django.po").read_text(encoding="utf-8"))
    assert len(entries) > 40
    stale = [msgid for msgid, msgstr in entries if catalog.gettext(msgid) != msgstr]
    assert not stale, "Run `make messages` and commit locale/nl/LC_MESSAGES/django.mo: " + repr(stale)
