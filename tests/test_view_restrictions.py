"""SitePage.get_view_restrictions (core/pages.py) follows Wagtail's rule, in one query instead of two."""

import pytest
from wagtail.models import Page, PageViewRestriction

from home.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    open_section = ContentPageFactory(parent=home_page, title="Open", slug="open")
    closed_section = ContentPageFactory(parent=home_page, title="Besloten", slug="besloten")
    below_closed = ContentPageFactory(parent=closed_section, title="Onder besloten", slug="onder-besloten")
    own_password = ContentPageFactory(parent=open_section, title="Eigen wachtwoord", slug="eigen-wachtwoord")
    PageViewRestriction.objects.create(page=closed_section, restriction_type="login")
    PageViewRestriction.objects.create(page=own_password, restriction_type="password", password="geheim")
    # An alias has its source page's restrictions, wherever it is.
    alias_of_restricted = own_password.create_alias(parent=home_page, update_slug="alias-van-eigen-wachtwoord")
    alias_under_closed = open_section.create_alias(parent=closed_section, update_slug="open-onder-besloten")
    return [
        home_page,
        open_section,
        closed_section,
        below_closed,
        own_password,
        alias_of_restricted.specific,
        alias_under_closed.specific,
    ]


def test_same_restrictions_as_wagtail_for_own_ancestors_and_aliases(tree):
    for page in tree:
        assert set(page.get_view_restrictions()) == set(Page.get_view_restrictions(page)), page.title
    home_page, open_section, closed_section, below_closed, own_password, alias_of_restricted, alias_under = tree
    assert not open_section.get_view_restrictions().exists()
    assert below_closed.get_view_restrictions().get().page_id == closed_section.pk
    assert alias_of_restricted.get_view_restrictions().get().page_id == own_password.pk


def test_one_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(tree[3].get_view_restrictions())
