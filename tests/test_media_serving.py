"""
Media in production (docs/deploying.md, "Media"): Django does not serve /media/; the TLS proxy
serves MEDIA_ROOT at /media/ (nginx `alias`, Caddy `file_server`). No nginx or Caddy on the
test machine, so a static file server rooted at MEDIA_ROOT with the same mapping stands in.
"""

import functools
import os
import secrets
import subprocess
import sys
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings

from home.factories import ImageFactory

BASE_DIR = Path(__file__).resolve().parent.parent


class MediaLocation(SimpleHTTPRequestHandler):
    """`location /media/ { alias MEDIA_ROOT/; }`: the URL below /media/ is the path below MEDIA_ROOT."""

    def translate_path(self, path):
        if not path.startswith(settings.MEDIA_URL):
            return str(Path(self.directory) / "missing")
        return super().translate_path("/" + path.removeprefix(settings.MEDIA_URL))

    def log_message(self, *args):
        pass


@pytest.fixture
def media_proxy():
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(MediaLocation, directory=str(settings.MEDIA_ROOT)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_an_uploaded_image_is_served_from_media_root_at_its_url(media_proxy):
    image = ImageFactory(file__width=400, file__height=300)
    rendition = image.get_rendition("width-200|format-webp")
    assert rendition.url.startswith("/media/")

    with urllib.request.urlopen(media_proxy + rendition.url, timeout=10) as response:  # noqa: S310 - loopback
        body = response.read()
        content_type = response.headers["Content-Type"]

    assert response.status == 200
    assert content_type == "image/webp"
    with rendition.file.open("rb") as stored:
        assert body == stored.read()


def test_production_leaves_media_to_the_proxy(tmp_path):
    """Under the production settings, /media/ is not a Django view: the proxy must serve it."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="www.glans-techniek.nl",
        VAR_DIR=str(tmp_path),
    )
    script = (
        "import django; django.setup(); from django.conf import settings\n"
        "from django.urls import Resolver404, resolve\n"
        "try:\n    view = resolve('/media/images/x.webp').func.__module__\n"
        "except Resolver404:\n    view = 'none'\n"
        "print(settings.SERVE_MEDIA_FILES, view)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["False", "none"]
