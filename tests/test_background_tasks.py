"""
Wagtail's own background work goes through the database queue: a publish enqueues the search
and reference indexing instead of running it, and the real worker runs it.
"""

from django_tasks_db.models import DBTaskResult

from home.factories import ContentPageFactory
from tests.support import worker
from tests.support.search import results

pytestmark = worker.WORKER_TESTS


def test_publish_enqueues_indexing_and_the_worker_makes_the_page_findable(client, home_page):
    page = ContentPageFactory(parent=home_page, title="Ouderavonden die werken", slug="ouderavonden")
    DBTaskResult.objects.all().delete()
    _response, _soup, titles = results(client, "Ouderavonden")
    assert "Ouderavonden die werken" not in titles

    page.title = "Ouderavonden die werken"
    page.save_revision().publish()

    queued = set(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True))
    assert "modelsearch.tasks.insert_or_update_object_task" in queued
    assert "wagtail.tasks.update_reference_index_task" in queued

    worker.run_batch()

    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    _response, _soup, titles = results(client, "Ouderavonden")
    assert "Ouderavonden die werken" in titles
