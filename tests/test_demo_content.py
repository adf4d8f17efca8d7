"""`manage.py load_demo_content` builds the whole demo site, and a second run changes nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from ambassadors.choices import SchoolKind
from ambassadors.models import AmbassadorPage, SchoolPage
from home.models import HomePage, OrganisationSettings

pytestmark = pytest.mark.django_db


def load_demo_content():
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    return output.getvalue()


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
    }


def test_builds_the_site_with_five_schools_and_five_stories(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    load_demo_content()

    assert AmbassadorPage.objects.live().count() == 5
    assert SchoolPage.objects.live().count() == 5
    assert SchoolPage.objects.filter(kind=SchoolKind.BOARD).count() == 1
    assert set(AmbassadorPage.objects.values_list("slug", flat=True)) == {
        "anje-bechtel",
        "magda-nijmeijer",
        "femmy-sassen",
        "ine-koenders",
        "hans-rendering",
    }
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert len(home.get_featured_stories()) == 3
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert OrganisationSettings.for_site(Site.objects.get()).secretariat_email
    assert home.cta_page.specific_class.__name__ == "ContactPage"
    assert home.cta_page.url == "/contact/"


def test_every_story_has_questions_school_and_portrait(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    load_demo_content()

    for story in AmbassadorPage.objects.all():
        block_types = [block.block_type for block in story.body]
        assert block_types.count("question_answer") >= 2, story.title
        assert story.school is not None and story.portrait is not None, story.title
        assert story.revisions.count() == 1
    videos = {story.slug for story in AmbassadorPage.objects.all() if any(b.block_type == "video" for b in story.body)}
    assert videos == {"anje-bechtel", "magda-nijmeijer", "ine-koenders"}
    anje = AmbassadorPage.objects.get(slug="anje-bechtel")
    assert any(b.block_type == "result" and b.value["figure"] == "80%" for b in anje.body)


def test_second_run_changes_nothing(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    load_demo_content()
    before = snapshot()

    output = load_demo_content()

    assert snapshot() == before
    assert "nothing changed" in output


def test_password_is_never_printed_outside_development(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.DEBUG = False
    output = load_demo_content()

    password = (tmp_path / "demo-admin-password.txt").read_text().strip()
    assert password not in output
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert oct((tmp_path / "demo-admin-password.txt").stat().st_mode & 0o777) == "0o600"
