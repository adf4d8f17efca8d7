"""
django-tasks-db's worker, plus the periodic jobs of core/schedule.py.

Same command name and options as the package's (it is listed later in INSTALLED_APPS, so
this one wins). Unless --batch or --no-schedule, a thread enqueues the due periodic jobs
every SCHEDULE_TICK_SECONDS while the worker runs the queue.
"""

import threading

from django.conf import settings
from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.schedule import enqueue_due_jobs


def schedule_loop(stop):
    while not stop.wait(settings.SCHEDULE_TICK_SECONDS):
        try:
            enqueue_due_jobs()
        except Exception:  # a database hiccup must not end the schedule
            import logging

            logging.getLogger("core.schedule").exception("Enqueuing periodic jobs failed")
        finally:
            close_old_connections()


class Command(DatabaseWorkerCommand):
    help = "Run the background worker (django-tasks-db) and the site's periodic jobs"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--no-schedule", action="store_false", dest="schedule", help="Do not run periodic jobs.")

    def handle(self, *args, schedule=True, **options):
        if schedule and not options.get("batch"):
            enqueue_due_jobs()
            close_old_connections()
            threading.Thread(target=schedule_loop, args=(threading.Event(),), daemon=True, name="schedule").start()
        return super().handle(*args, **options)
