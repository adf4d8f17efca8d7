"""The page tree editors can build: every page type's allowed parents and children."""

import pytest
from wagtail.models import Page

from ambassadors.models import AmbassadorIndexPage, AmbassadorPage, SchoolIndexPage, SchoolPage
from home.models import ContentPage, HomePage

ALL_PAGE_TYPES = [HomePage, ContentPage, AmbassadorIndexPage, AmbassadorPage, SchoolIndexPage, SchoolPage]

EXPECTED_CHILDREN = {
    HomePage: {AmbassadorIndexPage, SchoolIndexPage, ContentPage},
    ContentPage: {ContentPage},
    AmbassadorIndexPage: {AmbassadorPage},
    AmbassadorPage: set(),
    SchoolIndexPage: {SchoolPage},
    SchoolPage: set(),
}


@pytest.mark.parametrize("page_type", ALL_PAGE_TYPES, ids=lambda model: model.__name__)
def test_allowed_children(page_type):
    allowed = set(page_type.allowed_subpage_models()) & set(ALL_PAGE_TYPES)
    assert allowed == EXPECTED_CHILDREN[page_type]


@pytest.mark.parametrize("page_type", ALL_PAGE_TYPES, ids=lambda model: model.__name__)
def test_allowed_parents_match_children(page_type):
    expected_parents = {parent for parent, children in EXPECTED_CHILDREN.items() if page_type in children}
    if page_type is HomePage:
        expected_parents = set()  # only directly under the tree's root
    assert set(page_type.allowed_parent_page_models()) & set(ALL_PAGE_TYPES) == expected_parents


def test_home_page_only_under_root_and_only_once(home_page):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)  # max_count reached
    assert HomePage.allowed_parent_page_models() == [Page]


def test_index_pages_are_single(ambassador_index, school_index, home_page):
    assert not AmbassadorIndexPage.can_create_at(home_page)
    assert not SchoolIndexPage.can_create_at(home_page)
    assert AmbassadorPage.can_create_at(ambassador_index)
    assert not AmbassadorPage.can_create_at(school_index)
    assert SchoolPage.can_create_at(school_index)
    assert not SchoolPage.can_create_at(ambassador_index)
