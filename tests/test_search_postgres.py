"""
Site search on PostgreSQL (core/postgres_search.py): the same results as Wagtail's own backend,
with the search query parsed once and matched through the GIN index.

The stories are the benchmark's (`load_fake_data`): every one contains "ouders"; "wielerbaan" is
in one school's name. Search indexing on save is off; load_fake_data indexes its pages in bulk,
as it does for the benchmark.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from tests.support.search import results

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search and its plans"),
]

COMMON_WORD = "ouders"
RARE_WORD = "wielerbaan"
TITLE_BODY_INDEX = "search_indexentry_title_body_gin"  # search/migrations/0001


@pytest.fixture(autouse=True)
def site(settings, home_page, ambassador_index, school_index):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "core.search_backend", "AUTO_UPDATE": False},
        "wagtail": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False},
    }
    rare = SchoolPageFactory(parent=school_index, title="Montessorischool De Wielerbaan")
    get_search_backend().add(rare)
    return rare


def grow_to(stories):
    call_command("load_fake_data", stories=stories, seed=1, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with connection.cursor() as cursor:
        # What VACUUM does for the bulk-written entries (it cannot run in a test's transaction):
        # out of the GIN index's pending list, into the index proper. Then statistics, as the
        # benchmark and a production database have.
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [TITLE_BODY_INDEX])
        cursor.execute("ANALYZE")


def visitors_results(query):
    return Page.objects.live().public().exclude(depth__lte=1).specific().search(query, backend="wagtail")


def ranked(query, backend, start=0, stop=10):
    found = Page.objects.live().public().exclude(depth__lte=1).specific().search(query, backend=backend)
    return [(page.pk, getattr(page, "_score", None)) for page in found.annotate_score("_score")[start:stop]]


def test_same_results_order_scores_and_counts_as_wagtails_backend(client, ambassador_index, site):
    grow_to(30)
    # What a visitor may not see stays out: a draft and a story behind a password, both about the rare word.
    hidden = [
        AmbassadorPageFactory(parent=ambassador_index, school=site, title="Concept over de wielerbaan", live=False),
        AmbassadorPageFactory(parent=ambassador_index, school=site, title="Besloten verhaal over de wielerbaan"),
    ]
    PageViewRestriction.objects.create(page=hidden[1], restriction_type="password", password="geheim")
    for page in hidden:
        get_search_backend().add(page)

    for query in (COMMON_WORD, RARE_WORD, "ouders kinderen", "partners"):
        assert ranked(query, "default") == ranked(query, "wagtail")
        assert ranked(query, "default")
        search = Page.objects.live().public().exclude(depth__lte=1).search
        assert search(query, backend="default").count() == search(query, backend="wagtail").count()
    assert ranked(COMMON_WORD, "default", 10, 20) == ranked(COMMON_WORD, "wagtail", 10, 20)
    assert not {page.pk for page in hidden} & {pk for pk, _ in ranked(RARE_WORD, "default")}
    # Autocomplete (the admin's page chooser): the same too.
    for prefix in ("oud", "wieler", "montessori"):
        ours = Page.objects.live().autocomplete(prefix, backend="default")[0:10]
        assert [page.pk for page in ours] == [
            page.pk for page in Page.objects.live().autocomplete(prefix, backend="wagtail")[0:10]
        ]
    # What a visitor sees: ten results a page, the best first, and how many there are.
    for query in (COMMON_WORD, RARE_WORD):
        _, soup, titles = results(client, query)
        assert titles == [page.title for page in visitors_results(query)[0:10]]
        count = visitors_results(query).count()
        assert soup.select_one("p[role=status]").get_text().startswith(f"{count} resulta")  # resultaat, resultaten
    assert "Besloten" not in str(results(client, RARE_WORD)[2])


def search_plans(client, query):
    """The executed plan (EXPLAIN ANALYZE VERBOSE) of each full-text query of a visitor's search."""
    searches = []

    def keep_searches(execute, sql, params, many, context):
        if "@@" in sql:
            searches.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep_searches):
        _, _, titles = results(client, query)
    assert titles and searches
    plans = []
    with connection.cursor() as cursor:
        for sql, params in searches:
            cursor.execute(f"EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) {sql}", params)
            plans.append(cursor.fetchone()[0][0]["Plan"])
    return plans


def per_row_nodes(plan):
    """The plan's nodes, without its InitPlans (each evaluated once per query, not per row)."""
    yield plan
    for child in plan.get("Plans", []):
        if child.get("Parent Relationship") != "InitPlan":
            yield from per_row_nodes(child)


@pytest.mark.slow
def test_search_parses_the_query_once_and_reads_the_matches_through_the_gin_index(client):
    """
    Wagtail's backend parses `to_tsquery('…')` again for every row (three times: the match and
    both ranks) and, for a word in every story, reads the whole index table, concatenating
    `title || body` row by row: 5 times the stories, 5 times that work (docs/performance.md).
    """
    grow_to(200)

    for plan in (plan for word in (COMMON_WORD, RARE_WORD) for plan in search_plans(client, word)):
        nodes = list(per_row_nodes(plan))
        assert any(node.get("Index Name") == TITLE_BODY_INDEX for node in nodes), plan
        scans = {(node["Node Type"], node.get("Relation Name")) for node in nodes}
        assert ("Seq Scan", "wagtailsearch_indexentry") not in scans, plan
        for node in nodes:
            for key, value in node.items():
                if key == "Plans":
                    continue  # the children, checked on their own
                assert "to_tsquery(" not in str(value), (key, value)  # parsed in an InitPlan, once
                if key not in ("Index Cond", "Recheck Cond"):  # the GIN index's own expression
                    assert "title || " not in str(value), (key, value)  # never concatenated per row
