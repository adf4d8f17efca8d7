"""The SQL queries each public page makes, asserted by tests/test_query_counts.py and the page tests."""

# Per page, exactly (docs/performance.md lists what each query is for). A change here is a
# change in the cost of every uncached request: measure it with `make bench`.
# Issue 18: one fewer each, Wagtail's view-restriction check in one query (SitePage.get_view_restrictions).
# The story's sixth: its ambassador's availability for conversations (contact_tags.story_contact).
# Issue 18, the story render: one fewer each, the view restrictions known from the site context
# (core/visibility.py): no restriction check of the page served, no subquery in the page queries;
# the story fetches its ambassador's availability with itself (contact/apps.py).
QUERY_COUNTS = {"overview": 5, "story": 4, "home": 3, "school": 4}
