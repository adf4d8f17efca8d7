"""
The PostgreSQL part of core/search_backend.py: the search query parsed once, and the ranking on
the index entries alone (see there).

Wagtail's PostgreSQL backend (modelsearch) writes the search as `to_tsquery('…')` without a
text search configuration: a STABLE function, so PostgreSQL evaluates it again for every row
(three times a row: the match and both ranks), and the planner, seeing a constant, reads the
whole index table for a word in every story, concatenating `title || body` row by row. It also
selects that concatenation for every match and ranks after joining all matching pages.
Here the search query is a scalar subquery, `(SELECT to_tsquery('…'))`: one InitPlan, parsed
once; the planner then searches the GIN index on `title || body` (search/migrations/0001),
which for a plain query needs no recheck, so the concatenation is never computed. The ranking
query reads only the index entries of the pages the queryset allows, ranks them with Wagtail's
own rank expression, sorts and cuts the requested slice in the database, and the slice's pages
are then read by primary key, as core/sqlite_search.py does on SQLite.

A module of its own because it imports Wagtail's PostgreSQL search classes, which need
PostgreSQL.
"""

from django.contrib.postgres.search import SearchQuery
from django.db.models import BigIntegerField, F, IntegerField, TextField
from django.db.models.functions import Cast
from wagtail.search.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from wagtail.search.query import MatchAll, Not
from wagtail.search.utils import get_descendants_content_types_pks

from .ranked_results import RankedResultsMixin

# How Wagtail's index vectors reach the index entry from the searched model (get_index_vectors).
ENTRY_RELATION = "index_entries__"


class ParsedOnce(SearchQuery):
    """A search query as a scalar subquery: an InitPlan that PostgreSQL evaluates once per query."""

    template = "(SELECT %(expressions)s)"

    def __init__(self, search_query):
        super().__init__(search_query, search_type="raw")


class RankedMixin:
    """For Wagtail's PostgreSQL query compilers: search and autocomplete (their own vectors and config)."""

    def build_tsquery(self, query, config=None):
        search_query = super().build_tsquery(query, config=config)
        return None if search_query is None else ParsedOnce(search_query)

    def entry_vectors(self, search_query):
        """
        Wagtail's index vectors and their boosts, read on the index entry itself (`title`, not
        `index_entries__title`); None when a vector is not one of the entry's columns.
        """
        if self.fields is not None:
            return None  # vectors of the model's own fields, made per row
        vectors = []
        for vector, boost in self.get_index_vectors(search_query):
            columns = [vector, boost] if isinstance(boost, F) else [vector]
            if not all(isinstance(column, F) and column.name.startswith(ENTRY_RELATION) for column in columns):
                return None
            vector = F(vector.name.removeprefix(ENTRY_RELATION))
            boost = F(boost.name.removeprefix(ENTRY_RELATION)) if isinstance(boost, F) else boost
            vectors.append((vector, boost))
        return vectors

    def ranked_pks(self, config, start, stop):
        """
        [(pk, score)] of the results from `start` to `stop`, best first, in one query; None
        when Wagtail's own query is used instead (no relevance order, a query Wagtail does not
        rank, a search in named fields, or a model whose primary key is not an integer).
        """
        integer_pk = isinstance(self.queryset.model._meta.pk, IntegerField)  # AutoField, BigAutoField
        if not self.order_by_relevance or isinstance(self.query, MatchAll | Not) or not integer_pk:
            return None
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.entry_vectors(search_query)
        if search_query is None or not vectors:
            return None
        # Wagtail's match (the concatenated vectors, as the GIN index has them) and its score.
        combined = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined = combined._combine(vector, "||", False)
        score = self._build_rank_expression(vectors, config)
        # Only rows the queryset allows (live, public, ...) compete for the slice.
        allowed = self.queryset.annotate(text_pk=Cast("pk", TextField())).values("text_pk")
        ranked = (
            IndexEntry.objects.alias(_vector_=combined)
            .filter(
                _vector_=search_query,
                content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
                object_id__in=allowed,
            )
            .annotate(score=score, object_pk=Cast("object_id", BigIntegerField()))
            # Wagtail's order: best score first, then the newest primary key.
            .order_by(F("score").desc(), F("object_pk").desc())
            .values_list("object_pk", "score")
        )
        return list(ranked[start:stop])


class RankedPostgresSearchQueryCompiler(RankedMixin, PostgresSearchQueryCompiler):
    pass


class RankedPostgresAutocompleteQueryCompiler(RankedMixin, PostgresAutocompleteQueryCompiler):
    pass


class RankedPostgresSearchResults(RankedResultsMixin, PostgresSearchResults):
    pass


class RankedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = RankedPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = RankedPostgresAutocompleteQueryCompiler
    results_class = RankedPostgresSearchResults
