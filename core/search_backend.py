"""
Wagtail's database search backend, with the relevance ranking done in one pass (SQLite and
PostgreSQL).

Wagtail 8's database backend (modelsearch) orders SQLite results by a correlated subquery: for
every matching page it runs the full-text match again to find that page's bm25 score, so the
work grows with the square of the matches (`?q=ouders`: 14 ms with 200 stories, 320 ms with
1000, docs/performance.md). Here the ranking query asks the full-text index once for the pages
of the requested slice, best first (bm25 and the limit inside that one query), and the pages
are then read by primary key. Results, order and scores are Wagtail's own
(tests/test_search_scaling.py compares them); every other case (no relevance order, a negated
query) is Wagtail's backend unchanged.

On PostgreSQL (core/postgres_search.py) Wagtail's backend parses the search query again for
every row and ranks after joining every matching page (`?q=ouders` at 1000 stories: 17.5 ms to
rank, 8.6 ms to count); there the query is parsed once, matched through the GIN index, and the
ranking reads the allowed index entries alone, with the limit inside, in the same way.

Set in WAGTAILSEARCH_BACKENDS as "core.search_backend": like Wagtail's
"wagtail.search.backends.database" it picks the backend for the default database. The
results class implements `_do_search`, the method Wagtail's search results leave to each
backend; the ranking reuses the compiler's match and rank expressions (the same SQL as
Wagtail's query).
"""

from django.db import connection
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite_search import RankedSQLiteSearchBackend, SQLiteSearchBackend

        if type(backend) is SQLiteSearchBackend:  # SQLite with FTS5 (not the fallback)
            return RankedSQLiteSearchBackend(params)
    elif connection.vendor == "postgresql":
        from .postgres_search import PostgresSearchBackend, RankedPostgresSearchBackend

        if type(backend) is PostgresSearchBackend:
            return RankedPostgresSearchBackend(params)
    return backend
