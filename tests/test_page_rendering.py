"""Every page type renders with the demo content and shows its key fields."""

import pytest
from django.core.management import call_command

from ambassadors.models import AmbassadorPage, SchoolPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_home_page(client, demo_site):
    html = get_html(client, "/")
    assert "Samen met ouders, voor elk kind" in html
    assert html.count('class="card"') == 3  # the featured stories
    assert 'href="/ambassadeurs/"' in html  # menu


def test_ambassador_index_lists_published_stories(client, demo_site):
    html = get_html(client, "/ambassadeurs/")
    for name in ["Anje Bechtel", "Magda Nijmeijer", "Femmy Sassen", "Ine Koenders", "Hans Rendering"]:
        assert name in html


def test_story_page_shows_its_fields_and_blocks(client, demo_site):
    html = get_html(client, "/ambassadeurs/anje-bechtel/")
    anje = AmbassadorPage.objects.get(slug="anje-bechtel")
    assert "<h1>Anje Bechtel</h1>" in html
    assert anje.quote in html
    assert "Hoe werken jullie met de Glans-techniek in de school?" in html
    assert '<strong class="result__figure">80%</strong>' in html
    assert "data-video-player=" in html  # the offline finder found the video
    assert "Bekijk de videoreferentie van Anje" in html
    assert 'href="/scholen/ec-theo-thijssen/"' in html
    assert "<iframe" not in html


def test_school_page_lists_its_ambassadors(client, demo_site):
    html = get_html(client, "/scholen/kingschool/")
    assert "Denekamp" in html
    assert "Daltononderwijs" in html
    assert "Magda Nijmeijer" in html


def test_board_page_lists_its_schools(client, demo_site):
    board = SchoolPage.objects.get(slug="sooog")
    member = SchoolPage.objects.get(slug="obs-harry-bannink")
    member.board = board
    member.save_revision().publish()

    html = get_html(client, board.url)
    assert "Hans Rendering" in html
    assert "Scholen van dit bestuur" in html
    assert "OBS Harry Bannink" in html


def test_school_index_and_content_pages(client, demo_site):
    assert "Kingschool" in get_html(client, "/scholen/")
    assert "<h1>Over de Glans-techniek</h1>" in get_html(client, "/over-de-glans-techniek/")


def test_unknown_page_gives_the_dutch_404(client, demo_site):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
