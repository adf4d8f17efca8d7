"""
A GIN index on `title || body` of Wagtail's search index entries, on PostgreSQL.

Wagtail's PostgreSQL search matches a query against that concatenation, which none of the
per-column indexes covers (wagtail/wagtail#6546). Without an index on it the planner has no
statistics for the expression and, once the tables are analyzed, expects one match: it then
joins the pages in a nested loop, whose cost grows with the square of the number of pages
(22 ms instead of 2 ms for the count of the results with 200 stories, docs/performance.md).
The index gives the planner those statistics and an index to search with.
"""

from django.db import migrations

INDEX_NAME = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite searches through its own FTS5 table
    table = schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {table} USING gin ((title || body))")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
