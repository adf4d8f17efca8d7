"""The story overview (/ambassadeurs/): cards, filters as GET parameters, pagination."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassadors.factories import AmbassadorPageFactory, BoardPageFactory, SchoolPageFactory
from ambassadors.models import STORIES_PER_PAGE
from home.factories import ImageFactory

pytestmark = pytest.mark.django_db


def card_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [title.get_text(strip=True) for title in soup.select(".card__title")]


@pytest.fixture
def stories(ambassador_index, school_index):
    """Three stories from schools that differ in concept, province, place and population."""
    denekamp = SchoolPageFactory(
        parent=school_index,
        title="Kingschool",
        place="Denekamp",
        province="overijssel",
        educational_concept="dalton",
        population="gemengd",
    )
    utrecht = SchoolPageFactory(
        parent=school_index,
        title="De Wielerbaan",
        place="Utrecht",
        province="utrecht",
        educational_concept="montessori",
        population="multicultureel",
    )
    board = BoardPageFactory(parent=school_index, title="SOOOG", place="Oldenzaal", province="overijssel")
    return {
        "magda": AmbassadorPageFactory(
            parent=ambassador_index, title="Magda Nijmeijer", school=denekamp, quote="Ouders doen mee."
        ),
        "femmy": AmbassadorPageFactory(parent=ambassador_index, title="Femmy Sassen", school=utrecht),
        "hans": AmbassadorPageFactory(parent=ambassador_index, title="Hans Rendering", school=board),
    }


def test_overview_shows_a_card_per_published_story(client, stories):
    response = client.get("/ambassadeurs/")

    assert response.status_code == 200
    assert card_titles(response) == ["Femmy Sassen", "Hans Rendering", "Magda Nijmeijer"]
    content = response.content.decode()
    assert "Kingschool – Denekamp" in content
    assert "“Ouders doen mee.”" in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("concept=dalton", ["Magda Nijmeijer"]),
        ("concept=montessori", ["Femmy Sassen"]),
        ("provincie=overijssel", ["Hans Rendering", "Magda Nijmeijer"]),
        ("plaats=Utrecht", ["Femmy Sassen"]),
        ("plaats=denekamp", ["Magda Nijmeijer"]),  # case does not matter
        ("populatie=multicultureel", ["Femmy Sassen"]),
        ("provincie=overijssel&concept=dalton", ["Magda Nijmeijer"]),
    ],
)
def test_filters_narrow_the_list(client, stories, query, expected):
    response = client.get(f"/ambassadeurs/?{query}")

    assert response.status_code == 200
    assert card_titles(response) == expected


def test_filter_form_offers_only_values_that_published_stories_have(client, stories):
    soup = BeautifulSoup(client.get("/ambassadeurs/").content, "html.parser")

    concepts = [option["value"] for option in soup.select("select[name=concept] option")]
    places = [option.get_text() for option in soup.select("select[name=plaats] option")]
    assert concepts == ["", "dalton", "montessori"]
    assert places == ["Alle plaatsen", "Denekamp", "Oldenzaal", "Utrecht"]
    # Each select has its label.
    for select in soup.select(".filters select"):
        assert soup.find("label", attrs={"for": select["id"]})


def test_active_filter_can_be_removed_with_a_link(client, stories):
    soup = BeautifulSoup(client.get("/ambassadeurs/?provincie=overijssel&concept=dalton").content, "html.parser")

    chips = {chip.get_text(" ", strip=True): chip["href"] for chip in soup.select(".filters__chip")}
    assert chips == {"Overijssel ×": "?concept=dalton", "Daltononderwijs ×": "?provincie=overijssel"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("concept=waldorf", "Dit onderwijsconcept kennen we niet"),
        ("provincie=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Deze provincie kennen we niet"),
        ("plaats=Atlantis", "Er zijn geen verhalen uit de plaats “Atlantis”"),
        ("populatie=" + "x" * 500, "Deze leerlingenpopulatie kennen we niet"),
    ],
)
def test_unknown_filter_values_give_the_unfiltered_list_and_a_dutch_message(client, stories, query, message):
    response = client.get(f"/ambassadeurs/?{query}")

    assert response.status_code == 200
    assert card_titles(response) == ["Femmy Sassen", "Hans Rendering", "Magda Nijmeijer"]
    soup = BeautifulSoup(response.content, "html.parser")
    error = soup.select_one(".field-error")
    assert message in error.get_text()
    # The message is tied to its field for screen readers.
    field = soup.find(attrs={"aria-describedby": error["id"]})
    assert field is not None and field["aria-invalid"] == "true"
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_known_filter_without_stories_says_so(client, stories):
    response = client.get("/ambassadeurs/?concept=jenaplan")

    assert response.status_code == 200
    assert card_titles(response) == []
    assert "Er zijn (nog) geen verhalen die bij je keuze passen." in response.content.decode()


def test_valid_filters_still_apply_next_to_an_unknown_one(client, stories):
    response = client.get("/ambassadeurs/?provincie=overijssel&concept=waldorf")

    assert card_titles(response) == ["Hans Rendering", "Magda Nijmeijer"]


def test_overview_is_paginated_and_pages_keep_the_filters(client, ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, place="Hengelo", province="overijssel")
    for number in range(STORIES_PER_PAGE + 3):
        AmbassadorPageFactory(parent=ambassador_index, title=f"Ambassadeur {number:02d}", school=school)

    first = client.get("/ambassadeurs/?provincie=overijssel")
    second = client.get("/ambassadeurs/?provincie=overijssel&page=2")
    beyond = client.get("/ambassadeurs/?page=99")
    malformed = client.get("/ambassadeurs/?page=twee")

    assert len(card_titles(first)) == STORIES_PER_PAGE
    assert card_titles(second) == ["Ambassadeur 12", "Ambassadeur 13", "Ambassadeur 14"]
    next_link = BeautifulSoup(first.content, "html.parser").select_one(".pagination a[rel=next]")
    assert next_link["href"] == "?provincie=overijssel&page=2"
    assert "15 verhalen" in first.content.decode()
    assert card_titles(beyond) == card_titles(second)
    assert card_titles(malformed) == card_titles(first)


def test_overview_query_count_does_not_grow_with_the_number_of_stories(client, ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index)

    def add_stories(count):
        for _ in range(count):
            portrait = ImageFactory(file__width=900, file__height=900)
            AmbassadorPageFactory(parent=ambassador_index, school=school, portrait=portrait)

    def count_queries():
        client.get("/ambassadeurs/")  # the first view makes the renditions
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/ambassadeurs/")
        assert response.status_code == 200
        return len(queries), response

    add_stories(5)
    with_five, response = count_queries()
    assert len(card_titles(response)) == 5
    add_stories(20)
    with_twenty_five, response = count_queries()
    assert len(card_titles(response)) == STORIES_PER_PAGE

    assert with_five == with_twenty_five
    assert with_five <= 12  # the budget for the overview
    # Every card has a responsive portrait in a modern format.
    image = BeautifulSoup(response.content, "html.parser").select_one(".card__image")
    assert image["loading"] == "lazy"
    assert ".webp 400w" in image["srcset"] and ".webp 800w" in image["srcset"]
