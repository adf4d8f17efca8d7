"""The page cache makes variants only for the query parameters a page declares (core/page_cache.py)."""

import uuid

import pytest

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from core import page_cache
from core.page_cache import CACHE_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def stored_keys(monkeypatch):
    """The entry keys the page cache writes, in order."""
    keys = []
    original_set = page_cache.cache.set

    def recording_set(key, value, *args, **kwargs):
        if key.startswith("page-cache:entry:"):
            keys.append(key)
        return original_set(key, value, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "set", recording_set)
    return keys


@pytest.fixture
def stories(ambassador_index, school_index):
    montessori = SchoolPageFactory(
        parent=school_index, title="Kingschool", place="Denekamp", educational_concept="montessori"
    )
    dalton = SchoolPageFactory(parent=school_index, title="De Esch", place="Almelo", educational_concept="dalton")
    AmbassadorPageFactory(parent=ambassador_index, title="Magda Nijmeijer", school=montessori)
    AmbassadorPageFactory(parent=ambassador_index, title="Anje Bechtel", school=dalton)


def test_random_tracking_parameters_do_not_flood_the_cache(client, stories, stored_keys):
    for _ in range(100):
        response = client.get(f"/ambassadeurs/?utm_source={uuid.uuid4().hex}")
        assert response.status_code == 200
    assert len(set(stored_keys)) <= 1

    # The canonical page, once stored, answers such requests too.
    client.get("/ambassadeurs/")
    assert client.get(f"/ambassadeurs/?utm_source={uuid.uuid4().hex}")[CACHE_HEADER] == "hit"
    assert len(set(stored_keys)) == 1


def test_unknown_filter_values_are_not_stored(client, stories, stored_keys):
    for _ in range(20):
        response = client.get(f"/ambassadeurs/?plaats={uuid.uuid4().hex}&page={uuid.uuid4().int}")
        assert response.status_code == 200
    assert stored_keys == []


def test_each_filter_still_has_its_own_cached_copy(client, stories, stored_keys):
    montessori = client.get("/ambassadeurs/?concept=montessori")
    dalton = client.get("/ambassadeurs/?concept=dalton")
    assert "Magda Nijmeijer" in montessori.text and "Anje Bechtel" not in montessori.text
    assert "Anje Bechtel" in dalton.text and "Magda Nijmeijer" not in dalton.text

    again = client.get("/ambassadeurs/?concept=dalton")
    assert again[CACHE_HEADER] == "hit"
    assert again.content == dalton.content
    # The order of parameters makes no new variant.
    assert client.get("/ambassadeurs/?plaats=Almelo&concept=dalton")[CACHE_HEADER] == "miss"
    assert client.get("/ambassadeurs/?concept=dalton&plaats=Almelo")[CACHE_HEADER] == "hit"
    assert len(set(stored_keys)) == 3


def test_a_hit_of_a_filtered_page_does_not_parse_its_query_string_again(client, stories, monkeypatch):
    from django.core.handlers import wsgi
    from django.http import QueryDict

    first = client.get("/ambassadeurs/?concept=dalton")
    parsed = []

    class CountedQueryDict(QueryDict):
        def __init__(self, *args, **kwargs):
            parsed.append(args)
            super().__init__(*args, **kwargs)

    # What request.GET builds.
    monkeypatch.setattr(wsgi, "QueryDict", CountedQueryDict)
    hit = client.get("/ambassadeurs/?concept=dalton")
    assert hit[CACHE_HEADER] == "hit"
    assert hit.content == first.content
    assert parsed == []
