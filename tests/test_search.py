"""Site search (/zoeken/): what it finds, how results look, and the messages for bad queries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory, question_answer
from search.views import MAX_QUERY_LENGTH, RESULTS_PER_PAGE
from tests.support.search import results

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, title="Kingschool", place="Denekamp")
    return AmbassadorPageFactory(
        parent=ambassador_index,
        title="Magda Nijmeijer",
        school=school,
        introduction="Directeur in Twente.",
        body=[
            question_answer(
                "<p>Eens per maand houden we een koffieochtend waar ouders hun vragen stellen.</p>",
                question="opbrengst",
            )
        ],
    )


def test_finds_text_inside_a_question_and_answer_block(client, story):
    _, soup, titles = results(client, "koffieochtend")

    assert titles == ["Magda Nijmeijer"]
    item = soup.select_one(".search-results__item")
    assert item.select_one(".search-results__type").get_text(strip=True) == "Ambassadeursverhaal"
    snippet = item.select_one(".search-results__snippet")
    assert snippet.mark.get_text() == "koffieochtend"
    assert "houden we een koffieochtend waar ouders" in snippet.get_text()
    assert item.a["href"] == story.url


@pytest.mark.parametrize("query", ["Magda", "Nijmeijer", "Kingschool", "Denekamp"])
def test_finds_the_story_by_name_school_and_place(client, story, query):
    _, _, titles = results(client, query)

    assert "Magda Nijmeijer" in titles


def test_school_page_is_found_with_its_type(client, story):
    _, soup, titles = results(client, "Kingschool")

    assert "Kingschool" in titles
    types = {
        item.h2.get_text(strip=True): item.select_one(".search-results__type").get_text(strip=True)
        for item in soup.select(".search-results__item")
    }
    assert types["Kingschool"] == "School"


def test_results_are_paginated_and_keep_the_query(client, ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, place="Hengelo")
    for number in range(RESULTS_PER_PAGE + 2):
        AmbassadorPageFactory(
            parent=ambassador_index, school=school, body=[question_answer(f"<p>Het ouderpanel nummer {number}.</p>")]
        )

    response, soup, first = results(client, "ouderpanel")
    _, _, second = results(client, "ouderpanel", page=2)

    assert len(first) == RESULTS_PER_PAGE
    assert len(second) == 2
    assert not set(first) & set(second)
    assert soup.select_one(".pagination a[rel=next]")["href"] == "?q=ouderpanel&page=2"
    assert "12 resultaten voor “ouderpanel”" in response.content.decode()


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_gets_a_friendly_message(client, story, query):
    response, soup, titles = results(client, query)

    assert titles == []
    assert "Typ een zoekterm" in soup.select_one("#search-message").get_text()


def test_too_long_query_gets_a_friendly_message_and_is_kept(client, story):
    query = "koffieochtend " * 10
    assert len(query.strip()) > MAX_QUERY_LENGTH

    response, soup, titles = results(client, query)

    assert titles == []
    assert "Je zoekterm is te lang" in soup.select_one("#search-message").get_text()
    field = soup.select_one("#search-page-q")
    assert field["value"] == query.strip()  # nothing the visitor typed is lost
    assert field["aria-describedby"] == "search-message"


def test_no_results_says_so(client, story):
    _, soup, titles = results(client, "zeilboot")

    assert titles == []
    assert "Geen resultaten voor “zeilboot”" in soup.get_text()


def test_search_page_asks_search_engines_not_to_index_it(client, story):
    _, soup, _ = results(client, "Magda")

    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"
    assert soup.title.get_text().startswith("Zoeken naar “Magda”")


def test_header_has_a_labelled_search_box(client, story):
    soup = BeautifulSoup(client.get(story.url).content, "html.parser")

    form = soup.select_one("header form[role=search]")
    assert form["action"] == "/zoeken/"
    field = form.select_one("input[name=q]")
    assert form.select_one(f"label[for={field['id']}]") is not None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="The index is PostgreSQL's; SQLite searches with FTS5.")
def test_the_search_query_of_wagtail_can_use_the_title_body_index(client, story):
    """
    search/migrations/0001: Wagtail matches `title || body`; the expression index must be the
    same expression, or the planner, without statistics for it, loops over every page.
    """
    searches = []

    def keep_searches(execute, sql, params, many, context):
        if "@@" in sql:
            searches.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep_searches):
        _, _, titles = results(client, "koffieochtend")
    assert titles == ["Magda Nijmeijer"] and searches

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_indexentry_title_body_gin'")
        (definition,) = cursor.fetchone()
    # The planner uses an expression index only for the very same expression.
    assert "USING gin (((title || body)))" in definition
    table = '"wagtailsearch_indexentry"'
    assert all(f'({table}."title" || {table}."body") @@' in sql for sql, _ in searches)


def test_a_snippet_keeps_a_space_between_a_heading_and_the_next_sentence(client, ambassador_index, school):
    AmbassadorPageFactory(
        parent=ambassador_index,
        title="Ine Koenders",
        school=school,
        body=[
            question_answer(
                "<h3>Ouders bij de school</h3><p>Goede samenwerking begint bij de koffie.</p>"
                "<ul><li>Elke week</li><li>Open deur</li></ul><p>Ouders &amp; leerkrachten samen.</p>",
            )
        ],
    )

    _, soup, titles = results(client, "samenwerking")

    assert titles == ["Ine Koenders"]
    snippet = " ".join(soup.select_one(".search-results__snippet").get_text().split())
    assert "bij de school Goede samenwerking begint" in snippet
    assert "Elke week Open deur Ouders & leerkrachten samen." in snippet
