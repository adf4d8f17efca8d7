"""core.queries.public_pages follows the same rule as Wagtail's PageQuerySet.public()."""

import pytest
from django.db import connection
from wagtail.models import Page, PageViewRestriction

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from ambassadors.models import AmbassadorPage
from core.queries import public_pages
from home.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def test_matches_wagtail_public_for_own_and_ancestor_restrictions(home_page, ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index)
    open_story = AmbassadorPageFactory(parent=ambassador_index, title="Open", school=school)
    locked_story = AmbassadorPageFactory(parent=ambassador_index, title="Eigen wachtwoord", school=school)
    PageViewRestriction.objects.create(page=locked_story, restriction_type="password", password="geheim")
    section = ContentPageFactory(parent=home_page, title="Besloten deel")
    below_section = ContentPageFactory(parent=section, title="Onder besloten deel")
    PageViewRestriction.objects.create(page=section, restriction_type="login")

    ours = set(public_pages(Page.objects.all()).values_list("pk", flat=True))

    assert ours == set(Page.objects.public().values_list("pk", flat=True))
    assert {open_story.pk, school.pk, home_page.pk} <= ours
    assert not {locked_story.pk, section.pk, below_section.pk} & ours


def test_saves_the_restrictions_query(home_page, django_assert_num_queries):
    ContentPageFactory(parent=home_page)
    with django_assert_num_queries(1):
        list(public_pages(Page.objects.live()))
    with django_assert_num_queries(2):
        list(Page.objects.live().public())


def sqlite_steps(queryset):
    """The virtual-machine steps (in tens) SQLite takes to run `queryset`: its work, exactly."""
    steps = 0

    def count():
        nonlocal steps
        steps += 1
        return 0  # Go on.

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, 10)
    try:
        list(queryset.all())  # A fresh copy: a queryset keeps its results.
    finally:
        connection.connection.set_progress_handler(None, 10)
    return steps


@pytest.mark.skipif(connection.vendor != "sqlite", reason="Counts SQLite's own work.")
def test_the_check_grows_with_the_site_not_with_its_square(ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index)
    stories = public_pages(AmbassadorPage.objects.live())

    def work_after_adding_stories(count):
        AmbassadorPageFactory.create_batch(count, parent=ambassador_index, school=school)
        # Statistics, as a production database keeps them; the site has no restrictions, so
        # their table has none (with a join, SQLite then tested each story against every page).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return sqlite_steps(stories)

    work_for_25 = work_after_adding_stories(25)
    work_for_50 = work_after_adding_stories(25)

    assert work_for_50 < 2.5 * work_for_25
