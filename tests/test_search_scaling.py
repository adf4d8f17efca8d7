"""
Site search on SQLite (core/search_backend.py): the same results as Wagtail's own backend,
for work that grows with the number of stories, not with its square.

The stories are the benchmark's (`load_fake_data`): every one contains "ouders"; "wielerbaan" is
in one school's name. Search indexing on save is off; load_fake_data indexes its pages in bulk,
as it does for the benchmark.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from ambassadors.factories import SchoolPageFactory
from tests.support.search import results

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text search and its own work"),
]

COMMON_WORD = "ouders"
RARE_WORD = "wielerbaan"


@pytest.fixture(autouse=True)
def site(settings, home_page, ambassador_index, school_index):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "core.search_backend", "AUTO_UPDATE": False},
        "wagtail": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False},
    }
    rare = SchoolPageFactory(parent=school_index, title="Montessorischool De Wielerbaan")
    get_search_backend().add(rare)


def grow_to(stories):
    call_command("load_fake_data", stories=stories, seed=1, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # statistics, as the benchmark and a production database have


def sqlite_steps(client, query):
    """SQLite's virtual-machine steps (in hundreds) for a visitor's search: its work, exactly."""
    steps = 0

    def count():
        nonlocal steps
        steps += 1
        return 0  # Go on.

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, 100)
    try:
        response, _, titles = results(client, query)
    finally:
        connection.connection.set_progress_handler(None, 100)
    assert titles  # something was found
    return steps


def ranked(query, backend, **options):
    found = Page.objects.live().public().specific().search(query, backend=backend, **options)
    return [(page.pk, getattr(page, "_score", None)) for page in found.annotate_score("_score")[0:10]]


def test_same_results_order_and_scores_as_wagtails_backend(client):
    grow_to(30)
    for query in (COMMON_WORD, RARE_WORD, "ouders kinderen", "partners"):
        assert ranked(query, "default") == ranked(query, "wagtail")
        assert ranked(query, "default")
    # Autocomplete (the admin's page chooser): the same too.
    for prefix in ("oud", "wieler"):
        ours = Page.objects.live().autocomplete(prefix, backend="default")[0:10]
        assert [page.pk for page in ours] == [
            page.pk for page in Page.objects.live().autocomplete(prefix, backend="wagtail")[0:10]
        ]
    second_page = Page.objects.live().search(COMMON_WORD, backend="default")[10:20]
    assert [page.pk for page in second_page] == [
        page.pk for page in Page.objects.live().search(COMMON_WORD, backend="wagtail")[10:20]
    ]
    # What a visitor sees: ten results a page, the best first.
    _, soup, titles = results(client, COMMON_WORD)
    assert titles == [page.title for page in Page.objects.live().search(COMMON_WORD, backend="wagtail")[0:10]]


@pytest.mark.slow
def test_search_work_grows_linearly_from_200_to_1000_stories(client):
    grow_to(200)
    work_for_200 = {word: sqlite_steps(client, word) for word in (COMMON_WORD, RARE_WORD)}
    grow_to(1000)
    work_for_1000 = {word: sqlite_steps(client, word) for word in (COMMON_WORD, RARE_WORD)}

    for word in (COMMON_WORD, RARE_WORD):
        # Five times the stories: at most five times the work (Wagtail's ranking: 22 times).
        assert work_for_1000[word] <= 5 * work_for_200[word], (word, work_for_200, work_for_1000)
