"""The results side shared by the ranked search backends (core/sqlite_search.py, core/postgres_search.py)."""


class RankedResultsMixin:
    """
    Results from the compiler's `ranked_pks` (the page's slice, ranked in the database), then
    the pages read by primary key in that order; Wagtail's own search where it returns None.
    """

    def _do_search(self):
        compiler = self.query_compiler
        ranked = compiler.ranked_pks(compiler.get_config(self.backend), self.start, self.stop)
        if ranked is None:
            return super()._do_search()
        scores = dict(ranked)
        found = {result.pk: result for result in compiler.queryset.filter(pk__in=scores).order_by()}
        results = [found[pk] for pk in scores if pk in found]
        if self._score_field:
            for result in results:
                setattr(result, self._score_field, scores[result.pk])
        return results
