"""robots.txt, and the meta tags every page type carries."""

import pytest
from bs4 import BeautifulSoup

from ambassadors.factories import SchoolPageFactory

pytestmark = pytest.mark.django_db


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client, home_page):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_is_wagtails_xml_sitemap(client, home_page, school_index):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert b"<loc>http://localhost/scholen/</loc>" in response.content


@pytest.mark.parametrize("path", ["/", "/ambassadeurs/", "/scholen/", "/scholen/de-linde/"])
def test_every_page_has_title_description_canonical_and_social_tags(client, ambassador_index, school_index, path):
    SchoolPageFactory(
        parent=school_index, slug="de-linde", characteristics="<p>Een <b>warme</b> school in het dorp.</p>"
    )

    soup = BeautifulSoup(client.get(path).content, "html.parser")

    assert soup.title.get_text().strip()
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description
    assert "<" not in description
    assert soup.find("link", rel="canonical")["href"] == f"http://localhost{path}"
    assert soup.find("meta", property="og:url")["content"] == f"http://localhost{path}"
    assert soup.find("meta", property="og:type")["content"] == "website"
    assert soup.find("meta", property="og:title")["content"]
    assert soup.find("meta", attrs={"name": "twitter:card"})


def test_long_descriptions_are_shortened(client, school_index):
    SchoolPageFactory(parent=school_index, slug="lang", characteristics="<p>" + "woord " * 100 + "</p>")

    soup = BeautifulSoup(client.get("/scholen/lang/").content, "html.parser")

    assert len(soup.find("meta", attrs={"name": "description"})["content"]) <= 160


def test_favicon_ico_is_an_icon_and_every_page_links_it(client, home_page):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # the ICO file signature
    assert '<link rel="icon" href="/static/favicon.ico"' in client.get(home_page.url).content.decode()
