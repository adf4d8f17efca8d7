"""`manage.py load_demo_content` builds the whole demo site, and a second run changes nothing."""

import io
import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from ambassadors.choices import SchoolKind
from ambassadors.models import AmbassadorPage, SchoolPage
from ambassadors.yearly_check import send_reminder
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


# Development: one user per role, and links to the server that runs (issue 16).

ROLES = {
    "ambassadeur": "Ambassadeurs",
    "marketing": "Marketing",
    "moderator": "Moderatoren",
    "secretariaat": "Secretariaat",
}


def test_development_gets_one_user_per_role_with_a_password_printed_once(settings, tmp_path, client):
    settings.VAR_DIR = tmp_path
    settings.DEBUG = True

    output = load_demo_content()

    for username, group in ROLES.items():
        user = get_user_model().objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True))[:1] == [group]
        password = re.search(rf"^  {username} \({group}\): (\S+)$", output, re.M).group(1)
        assert client.login(username=username, password=password), username
        assert client.get("/admin/").status_code == 200
        client.logout()
    ambassador = get_user_model().objects.get(username="ambassadeur")
    story = AmbassadorPage.objects.get(slug="anje-bechtel")
    assert story.ambassador_account == ambassador
    assert story.permissions_for_user(ambassador).can_edit()
    assert oct((tmp_path / "demo-passwords.txt").stat().st_mode & 0o777) == "0o600"

    second = load_demo_content()
    assert "(Ambassadeurs):" not in second  # printed once
    assert "demo-passwords.txt" in second


def test_no_role_users_outside_development(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.DEBUG = False

    output = load_demo_content()

    assert not get_user_model().objects.filter(username__in=ROLES).exists()
    assert "development (DEBUG) only" in output
    assert not (tmp_path / "demo-passwords.txt").exists()


def test_development_links_lead_to_the_port_the_server_runs_on(settings, tmp_path, client):
    settings.VAR_DIR = tmp_path
    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8100"  # as `make run PORT=8100` sets it
    load_demo_content()
    story = AmbassadorPage.objects.get(slug="anje-bechtel")

    page = client.get("/ambassadeurs/anje-bechtel/", HTTP_HOST="127.0.0.1:8100").content.decode()
    send_reminder(story, story.ambassador_account, date(2026, 12, 2))

    assert '<link rel="canonical" href="http://127.0.0.1:8100/ambassadeurs/anje-bechtel/">' in page
    [message] = mail.outbox
    assert "http://127.0.0.1:8100/verhaal-bevestigen/" in message.body
    assert "http://127.0.0.1:8100/ambassadeurs/anje-bechtel/" in message.body
    assert ":8000" not in message.body and "http://localhost/" not in message.body
