"""A story page: its sections, contact call to action, share links, meta tags and JSON-LD."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from ambassadors.factories import (
    AmbassadorPageFactory,
    BoardPageFactory,
    SchoolPageFactory,
    question_answer,
    quote,
    result,
    video,
)
from ambassadors.models import AmbassadorPage
from home.factories import ImageFactory
from tests.support.query_counts import QUERY_COUNTS

pytestmark = pytest.mark.django_db

# Canonical and share URLs use the site's host name (Settings > Sites), "localhost" in tests.
STORY_URL = "http://localhost/ambassadeurs/magda-nijmeijer/"


@pytest.fixture
def story(ambassador_index, school_index):
    board = BoardPageFactory(parent=school_index, title="Stichting Keender", place="Oldenzaal")
    school = SchoolPageFactory(
        parent=school_index,
        title="Kingschool",
        slug="kingschool",
        place="Denekamp",
        province="overijssel",
        educational_concept="dalton",
        website="https://kingschool.example.test/",
        board=board,
    )
    AmbassadorPageFactory(parent=ambassador_index, title="Anje Bechtel", school=school)
    return AmbassadorPageFactory(
        parent=ambassador_index,
        title="Magda Nijmeijer",
        slug="magda-nijmeijer",
        role="Directeur",
        school=school,
        portrait=ImageFactory(file__width=1200, file__height=1200),
        quote="Ouders zijn onze partners & bondgenoten.",
        introduction="Magda leidt de Kingschool in Denekamp.",
        search_description="Magda Nijmeijer vertelt hoe de Kingschool ouders betrekt.",
        body=[
            question_answer("<p>Elke maand een koffieochtend met ouders.</p>"),
            result("92%", "van de ouders is tevreden"),
            quote("Doen!", "Magda", "Directeur"),
            video("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Bekijk de videoreferentie van Magda"),
        ],
    )


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_story_shows_school_ambassador_answers_results_and_video(client, story):
    soup = soup_of(client, story.url)

    headings = [heading.get_text(strip=True) for heading in soup.select("h1, h2")]
    assert headings[0] == "Magda Nijmeijer"
    assert "De ambassadeur" in headings and "De school" in headings and "Andere ambassadeurs" in headings
    assert "Hoe werken jullie met de Glans-techniek in de school?" in headings
    text = soup.get_text(" ", strip=True)
    assert "Elke maand een koffieochtend met ouders." in text
    assert "92%" in text and "Doen!" in text
    assert soup.select_one("[data-video-player]") is not None
    assert soup.find("iframe") is None  # the player waits behind its facade
    school_links = {link["href"] for link in soup.select(".story__aside a")}
    assert "/scholen/kingschool/" in school_links
    other = [card.get_text(strip=True) for card in soup.select(".more-stories .card__title")]
    assert other == ["Anje Bechtel"]
    assert soup.select_one(".more-stories a[href='/ambassadeurs/']") is not None


def test_story_has_a_call_to_action_for_personal_contact(client, story):
    soup = soup_of(client, story.url)

    cta = soup.select_one(".contact-cta a.button")
    assert "Magda Nijmeijer" in cta.get_text()
    # It leads to the contact section further down the story.
    assert cta["href"] == "#contact"
    assert soup.select_one(".story__contact-link")["href"] == "#contact"
    assert "Persoonlijk contact met Magda Nijmeijer?" in soup.select_one("section#contact").get_text()


def test_share_links_are_plain_urls_to_the_networks(client, story):
    soup = soup_of(client, story.url)

    links = {link.get_text(strip=True): link["href"] for link in soup.select(".share__link")}
    assert set(links) == {"Deel op X", "Deel op Facebook", "Deel op LinkedIn", "Deel per e-mail"}
    assert parse_qs(urlsplit(links["Deel op X"]).query)["url"] == [STORY_URL]
    assert parse_qs(urlsplit(links["Deel op Facebook"]).query)["u"] == [STORY_URL]
    assert parse_qs(urlsplit(links["Deel op LinkedIn"]).query)["url"] == [STORY_URL]
    mail = urlsplit(links["Deel per e-mail"])
    assert mail.scheme == "mailto" and "+" not in mail.query
    assert STORY_URL in parse_qs(mail.query)["body"][0]
    assert soup.select_one("[data-copy-link]")["data-copy-link"] == STORY_URL
    # No third-party script anywhere on the page.
    assert all(not script.get("src", "/").startswith("http") for script in soup.find_all("script"))


def test_story_meta_and_social_cards(client, story):
    soup = soup_of(client, story.url)

    def meta(key):
        tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        return tag["content"] if tag else None

    assert soup.title.get_text().startswith("Magda Nijmeijer | ")
    assert meta("description") == "Magda Nijmeijer vertelt hoe de Kingschool ouders betrekt."
    assert soup.find("link", rel="canonical")["href"] == STORY_URL
    assert meta("og:title") == "Magda Nijmeijer"
    assert meta("og:type") == "article"
    assert meta("og:url") == STORY_URL
    assert meta("og:description") == meta("description")
    assert meta("og:image").startswith("http://localhost/media/images/")
    assert meta("og:image").endswith(".jpg")
    assert (meta("og:image:width"), meta("og:image:height")) == ("1200", "630")
    assert meta("twitter:card") == "summary_large_image"
    assert meta("twitter:image") == meta("og:image")


def test_meta_description_falls_back_to_the_introduction(client, story):
    story.search_description = ""
    story.save_revision().publish()

    soup = soup_of(client, story.url)

    assert soup.find("meta", attrs={"name": "description"})["content"] == "Magda leidt de Kingschool in Denekamp."


def test_story_json_ld_is_valid_json_with_person_school_and_video(client, story):
    soup = soup_of(client, story.url)

    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    nodes = {node["@type"]: node for node in data["@graph"]}
    person, school, film = nodes["Person"], nodes["EducationalOrganization"], nodes["VideoObject"]
    assert person["name"] == "Magda Nijmeijer"
    assert person["jobTitle"] == "Directeur"
    assert person["url"] == STORY_URL
    assert person["worksFor"] == {"@id": school["@id"]}
    assert person["image"].startswith("http://localhost/media/images/")
    assert school["name"] == "Kingschool"
    assert school["url"] == "http://localhost/scholen/kingschool/"
    assert school["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Denekamp",
        "addressRegion": "Overijssel",
        "addressCountry": "NL",
    }
    assert school["sameAs"] == ["https://kingschool.example.test/"]
    assert school["parentOrganization"]["name"] == "Stichting Keender"
    assert film["name"] == "Videoreferentie dQw4w9WgXcQ"
    assert film["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert film["thumbnailUrl"] == "https://img.example.test/dQw4w9WgXcQ.jpg"


def test_json_ld_cannot_close_its_script_element(client, story):
    story.search_description = "Tekst met </script><script>alert(1)</script> erin"
    story.save_revision().publish()

    response = client.get(story.url)

    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    script = BeautifulSoup(content, "html.parser").find("script", type="application/ld+json")
    person = json.loads(script.string)["@graph"][0]
    assert person["description"] == "Tekst met </script><script>alert(1)</script> erin"


def test_story_of_a_draft_school_names_no_school(client, ambassador_index, school_index):
    draft_school = SchoolPageFactory(parent=school_index, title="Geheime School", live=False)
    story = AmbassadorPageFactory(parent=ambassador_index, title="Ine Koenders", school=draft_school, body=[])

    soup = soup_of(client, story.url)

    assert "Geheime School" not in soup.get_text()
    assert soup.select_one("#school-heading") is None

    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert [node["@type"] for node in data["@graph"]] == ["Person", "ProfilePage"]
    assert "worksFor" not in data["@graph"][0]
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_school_page_lists_its_ambassadors_and_a_board_its_schools(client, story):
    school_soup = soup_of(client, "/scholen/kingschool/")
    board_soup = soup_of(client, story.school.board.url)

    assert [card.get_text(strip=True) for card in school_soup.select(".card__title")] == [
        "Anje Bechtel",
        "Magda Nijmeijer",
    ]
    assert [link.get_text(strip=True) for link in board_soup.select("#members-heading ~ ul a")] == ["Kingschool"]
    school_data = json.loads(school_soup.find("script", type="application/ld+json").string)
    assert school_data["@type"] == "EducationalOrganization"
    assert school_data["parentOrganization"]["name"] == "Stichting Keender"


def test_portrait_is_a_picture_with_modern_formats(client, story):
    soup = soup_of(client, story.url)

    picture = soup.select_one(".story__header picture")
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif"]
    image = picture.find("img")
    assert image["alt"] == "Portret van Magda Nijmeijer"
    assert ".webp 160w" in image["srcset"] and ".webp 320w" in image["srcset"]


def test_other_ambassadors_are_the_next_three_public_stories_with_their_portraits(
    client, ambassador_index, school_index, django_assert_num_queries
):
    school = SchoolPageFactory(parent=school_index, title="De Wielerbaan", place="Hengelo")
    portrait = ImageFactory(file__width=1000, file__height=1000)
    story = AmbassadorPageFactory(parent=ambassador_index, title="Bram Alberts", school=school, portrait=portrait)
    for title in ["Yvonne Zijl", "Carla Dekker", "Dirk Evers", "Anton Bos"]:
        AmbassadorPageFactory(parent=ambassador_index, title=title, school=school, portrait=portrait)
    AmbassadorPageFactory(parent=ambassador_index, title="Aart Aalders", school=school, live=False)
    locked = AmbassadorPageFactory(parent=ambassador_index, title="Aafke Aarts", school=school)
    PageViewRestriction.objects.create(page=locked, restriction_type="login")

    def other_stories(page):
        cards = soup_of(client, page.url).select(".more-stories .card")
        return [card.select_one(".card__title").get_text(strip=True) for card in cards]

    # The stories after this one in the site's order (the page tree's, as in the admin).
    assert other_stories(story) == ["Yvonne Zijl", "Carla Dekker", "Dirk Evers"]
    # Near the end it goes on from the first, past the draft and the restricted story.
    dirk = AmbassadorPage.objects.get(title="Dirk Evers")
    assert other_stories(dirk) == ["Anton Bos", "Bram Alberts", "Yvonne Zijl"]

    cards = soup_of(client, story.url).select(".more-stories .card")
    assert all("De Wielerbaan – Hengelo" in card.select_one(".card__meta").get_text() for card in cards)
    for card in cards:
        srcset = card.select_one("img.card__image")["srcset"]
        assert "400w" in srcset and "800w" in srcset
    # Once the renditions exist, the portrait of the story and those of the cards come
    # from one query, and no card loads a column afterwards.
    with django_assert_num_queries(QUERY_COUNTS["story"]):
        client.get(story.url)


@pytest.mark.parametrize("image_field", ["logo", "photo"])
def test_the_organisation_shows_the_schools_logo_else_its_photo(
    client, ambassador_index, school_index, image_field, django_assert_num_queries
):
    image = ImageFactory(title=f"{image_field} van De Wielerbaan")
    school = SchoolPageFactory(parent=school_index, title="De Wielerbaan", **{image_field: image})
    story = AmbassadorPageFactory(parent=ambassador_index, title="Bram Alberts", school=school, body=[])
    for title in ["Carla Dekker", "Dirk Evers", "Yvonne Zijl"]:
        AmbassadorPageFactory(parent=ambassador_index, title=title, school=school, body=[])
    client.get(story.url)  # the renditions are made

    # The logo comes with the story; the photo, shown only for a school without a logo, is
    # read when it is needed.
    with django_assert_num_queries(QUERY_COUNTS["story"] + (image_field == "photo")):
        soup = soup_of(client, story.url)

    graph = json.loads(soup.find("script", type="application/ld+json").string)["@graph"]
    organisation = next(node for node in graph if node["@type"] == "EducationalOrganization")
    rendition = image.get_rendition("fill-1200x630|format-jpeg|jpegquality-80")
    assert organisation["logo" if image_field == "logo" else "image"] == f"http://localhost{rendition.url}"
