"""The SQL queries each public page makes, asserted by tests/test_query_counts.py and the page tests."""

# Per page, exactly (docs/performance.md lists what each query is for). A change here is a
# change in the cost of every uncached request: measure it with `make bench`.
# Issue 18: one fewer each, Wagtail's view-restriction check in one query (SitePage.get_view_restrictions).
# The story's sixth: its ambassador's availability for conversations (contact_tags.story_contact).
QUERY_COUNTS = {"overview": 6, "story": 6, "home": 4, "school": 5}
