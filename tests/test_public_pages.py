"""home.queries.public_pages follows the same rule as Wagtail's PageQuerySet.public()."""

import pytest
from wagtail.models import Page, PageViewRestriction

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from home.factories import ContentPageFactory
from home.queries import public_pages

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
