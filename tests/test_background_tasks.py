"""
Wagtail's own background work goes through the database queue: a publish enqueues the search
and reference indexing and the frontend-cache purge instead of running them, and the real
worker runs them.
"""

import pytest
from django.apps import apps
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.frontend_cache import signal_handlers
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from home.factories import ContentPageFactory
from tests.support import worker
from tests.support.frontend_cache import backend_settings
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


@pytest.fixture
def frontend_cache(settings, tmp_path):
    """The frontend cache as production installs it: its signal handlers connected (what the
    app's ready() does) and a backend that records purges in a file, here and in the worker."""
    purge_log = tmp_path / "purged.txt"
    purge_log.touch()
    settings.WAGTAILFRONTENDCACHE = backend_settings(purge_log)
    signal_handlers.register_signal_handlers()
    yield purge_log
    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.disconnect(signal_handlers.page_published_signal_handler, sender=model)
            page_unpublished.disconnect(signal_handlers.page_unpublished_signal_handler, sender=model)


def test_publish_enqueues_the_frontend_cache_purge_and_the_worker_runs_it(home_page, frontend_cache):
    page = ContentPageFactory(parent=home_page, title="Ouderavonden", slug="ouderavonden")
    DBTaskResult.objects.all().delete()

    page.save_revision().publish()

    assert frontend_cache.read_text() == ""  # not purged in the request
    purge = "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task"
    assert DBTaskResult.objects.filter(status="READY", task_path=purge).count() == 1

    worker.run_batch(FRONTEND_CACHE_PURGE_LOG=frontend_cache)

    assert DBTaskResult.objects.get(task_path=purge).status == "SUCCESSFUL"
    assert frontend_cache.read_text().splitlines() == [page.get_full_url()]
