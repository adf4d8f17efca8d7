"""A frontend-cache backend for tests: it appends each purged URL to the file at LOCATION, so
a purge made by the worker subprocess is visible to the test."""

from pathlib import Path

from wagtail.contrib.frontend_cache.backends import BaseBackend


class RecordingBackend(BaseBackend):
    def __init__(self, params):
        super().__init__(params)
        self.log = Path(params["LOCATION"])

    def purge(self, url):
        with self.log.open("a") as log:
            log.write(url + "\n")


def backend_settings(log_path):
    return {"default": {"BACKEND": "tests.support.frontend_cache.RecordingBackend", "LOCATION": str(log_path)}}
