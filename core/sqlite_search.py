"""
The SQLite part of core/search_backend.py: relevance ranking in one query (see there).

A module of its own because Wagtail's SQLite search classes exist only on SQLite: the
full-text model they import is not defined on PostgreSQL.
"""

from django.db.models import BigIntegerField, IntegerField, TextField
from django.db.models.functions import Cast
from wagtail.search.backends.database.sqlite.query import MatchExpression, normalize
from wagtail.search.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from wagtail.search.query import MatchAll, Not
from wagtail.search.utils import get_descendants_content_types_pks

from .ranked_results import RankedResultsMixin


class RankedMixin:
    """For Wagtail's SQLite query compilers: search and autocomplete (their own fields and config)."""

    def ranked_pks(self, config, start, stop):
        """
        [(pk, score)] of the results from `start` to `stop`, best first, in one query; None
        when Wagtail's own query is used instead (no relevance order, a negated query, or a
        model whose primary key is not an integer).
        """
        query = normalize(self.query)
        pk_field = self.queryset.model._meta.pk  # AutoField and BigAutoField are IntegerFields
        if not self.order_by_relevance or isinstance(query, MatchAll | Not) or not isinstance(pk_field, IntegerField):
            return None
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
        score = self._build_rank_expression(self.get_search_vectors(), config)
        # Only rows the queryset allows (live, public, ...) compete for the slice.
        allowed = self.queryset.annotate(text_pk=Cast("pk", TextField())).values("text_pk")
        ranked = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
                index_entry__object_id__in=allowed,
            )
            .annotate(score=score, object_pk=Cast("index_entry__object_id", BigIntegerField()))
            # Wagtail's order: best score first, then the newest primary key.
            .order_by("score", "-object_pk")
            .values_list("object_pk", "score")
        )
        return list(ranked[start:stop])


class RankedSQLiteSearchQueryCompiler(RankedMixin, SQLiteSearchQueryCompiler):
    pass


class RankedSQLiteAutocompleteQueryCompiler(RankedMixin, SQLiteAutocompleteQueryCompiler):
    pass


class RankedSQLiteSearchResults(RankedResultsMixin, SQLiteSearchResults):
    pass


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
    results_class = RankedSQLiteSearchResults
