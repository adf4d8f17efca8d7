"""
Wagtail still reads the private attributes that core/wagtail_internals.py sets.

If one of these fails after an upgrade, Wagtail renamed or dropped the attribute: change
core/wagtail_internals.py (see its docstring). Each test first shows what the attribute
saves, so a test that passes without it would show up here too.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from core import wagtail_internals
from home.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def queries_of(call):
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return result, len(queries)


def test_wagtail_takes_the_remembered_site(rf, home_page):
    site = Site.objects.get(is_default_site=True)
    assert queries_of(lambda: Site.find_for_request(rf.get("/")))[1] > 0

    request = rf.get("/")
    wagtail_internals.remember_site(request, site)
    found, queries = queries_of(lambda: Site.find_for_request(request))
    assert found is site and queries == 0


def test_wagtail_builds_page_urls_from_the_remembered_root_paths(rf, home_page):
    page = ContentPageFactory(parent=home_page, slug="over-ons")
    site, site_root_paths = Site.objects.get(is_default_site=True), Site.get_site_root_paths()
    without_paths = rf.get("/")
    wagtail_internals.remember_site(without_paths, site)
    cache.clear()  # Wagtail would otherwise read the root paths from the cache
    assert queries_of(lambda: page.get_url(without_paths))[1] > 0

    cache.clear()
    request = rf.get("/")
    wagtail_internals.remember_site(request, site)
    wagtail_internals.remember_site_root_paths(request, site_root_paths)
    url, queries = queries_of(lambda: page.get_url(request))
    assert url == "/over-ons/" and queries == 0


def test_wagtail_takes_the_remembered_parent(home_page):
    page = ContentPageFactory(parent=home_page)
    assert queries_of(lambda: Page.objects.get(pk=page.pk).get_parent())[1] > 0

    fresh = Page.objects.get(pk=page.pk)
    wagtail_internals.remember_parent(fresh, home_page)
    parent, queries = queries_of(fresh.get_parent)
    assert parent is home_page and queries == 0


def test_wagtail_keeps_a_settings_objects_request_where_it_is_remembered(rf, home_page):
    from home.models import OrganisationSettings

    # remember_settings_request does what Wagtail's own for_request does: if Wagtail keeps the
    # request elsewhere, settings built by the site context would lose it.
    request = rf.get("/")
    by_wagtail = OrganisationSettings.for_request(request)
    by_us = OrganisationSettings.objects.get()
    wagtail_internals.remember_settings_request(by_us, request)
    assert by_wagtail.__dict__.get("_request") is request
    assert set(by_wagtail.__dict__) - {"_state"} <= set(by_us.__dict__)


def test_wagtail_compares_blocks_with_the_class_the_block_names():
    from wagtail.admin.compare import StructBlockComparison, get_comparison_class_for_block
    from wagtail.blocks import StructBlock

    from ambassadors.blocks import QuestionAnswerBlock, StoryStreamBlock
    from core.block_comparison import ReaderTextComparison

    # Without the hook Wagtail would compare the stored values (the fixed question's key).
    assert get_comparison_class_for_block(StructBlock()) is StructBlockComparison
    assert get_comparison_class_for_block(QuestionAnswerBlock()) is ReaderTextComparison
    compared = [
        name
        for name, block in StoryStreamBlock().child_blocks.items()
        if get_comparison_class_for_block(block) is ReaderTextComparison
    ]
    assert compared == ["question_answer", "video", "quote", "result", "paragraph"]  # the image keeps Wagtail's
    # The base class still takes what the compare view passes it.
    comparison = ReaderTextComparison(QuestionAnswerBlock(), True, True, None, None)
    assert isinstance(comparison, wagtail_internals.BlockComparison) and not comparison.has_changed()
