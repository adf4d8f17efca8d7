"""The SQL queries each public page makes, asserted by tests/test_query_counts.py and the page tests."""

# Per page, exactly (docs/performance.md lists what each query is for). A change here is a
# change in the cost of every uncached request: measure it with `make bench`.
# The story's seventh: its ambassador's availability for conversations (contact_tags.story_contact).
QUERY_COUNTS = {"overview": 7, "story": 7, "home": 5, "school": 6}
