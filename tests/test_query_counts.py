"""
SQL queries per public page do not grow with the number of stories.

Counted with the page cache off (the test settings' default), after one warm-up request that
creates the image renditions, as the benchmark does (see docs/performance.md).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from home.factories import ContentPageFactory, ImageFactory
from home.models import HomePageFeaturedStory, OrganisationSettings
from tests.support.query_counts import QUERY_COUNTS

pytestmark = pytest.mark.django_db

OVERVIEW_QUERY_LIMIT = 12


@pytest.fixture
def grow_site(client, home_page, ambassador_index, school_index, settings):
    """Returns a function that adds stories until the overview lists `total`, then counts queries."""
    # Search indexing is not what is measured here; skipping it keeps building 200 stories quick.
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
    privacy = ContentPageFactory(parent=home_page, title="Privacy", slug="privacy", show_in_menus=True)
    OrganisationSettings.objects.filter(site__is_default_site=True).update(privacy_page=privacy)
    schools = [SchoolPageFactory(parent=school_index) for _ in range(4)]
    portraits = [ImageFactory() for _ in range(4)]
    stories = []

    def grow(total):
        for number in range(len(stories), total):
            stories.append(
                AmbassadorPageFactory(
                    parent=ambassador_index,
                    slug=f"verhaal-{number}",
                    school=schools[number % 4],
                    portrait=portraits[number % 4],
                )
            )
            if number < 3:
                HomePageFeaturedStory.objects.create(page=home_page, story=stories[-1], sort_order=number)
        overview, html = count_queries(client, "/ambassadeurs/")
        assert any(story.title in html for story in stories)
        return {
            "overview": overview,
            "story": count_queries(client, stories[0].url)[0],
            "home": count_queries(client, "/")[0],
            "school": count_queries(client, schools[0].url)[0],
        }

    return grow


def count_queries(client, path):
    assert client.get(path).status_code == 200  # warm-up: renditions are made once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_overview_with_five_stories_stays_within_the_limit(grow_site):
    assert grow_site(5)["overview"] <= OVERVIEW_QUERY_LIMIT


def test_query_counts_per_page(grow_site):
    assert grow_site(5) == QUERY_COUNTS


@pytest.mark.slow
def test_queries_do_not_grow_from_five_to_two_hundred_stories(grow_site):
    few = grow_site(5)
    many = grow_site(200)
    assert many == few
    assert many["overview"] <= OVERVIEW_QUERY_LIMIT
