"""
Work that runs once the response has gone out, in the same process.

`defer(func, ...)` queues a call while a request is handled; Django's `request_finished`
signal (sent when the WSGI server closes the response, after the client has it) runs the
queue. Outside a request the call runs at once. A failure is logged, never raised: the
visitor already has the answer.
"""

import logging
import threading

from django.core.signals import request_finished, request_started

logger = logging.getLogger(__name__)

_state = threading.local()


def defer(func, *args, **kwargs):
    queue = getattr(_state, "queue", None)
    if queue is None:
        func(*args, **kwargs)
    else:
        queue.append((func, args, kwargs))


def pending():
    """How many calls wait for the end of the current request."""
    return len(getattr(_state, "queue", None) or ())


def start_queue(**kwargs):
    _state.queue = []


def run_deferred(**kwargs):
    queue, _state.queue = getattr(_state, "queue", None) or [], None
    for func, args, kw in queue:
        try:
            func(*args, **kw)
        except Exception:
            logger.exception("Deferred call %s failed", getattr(func, "__qualname__", func))


def connect():
    request_started.connect(start_queue, dispatch_uid="core.after_response.start")
    request_finished.connect(run_deferred, dispatch_uid="core.after_response.run")
