"""Security hardening: deploy checks, response headers, upload limits, safe documents, video providers."""

import os
import secrets
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.embeds.finders import get_finders
from wagtail.images.models import Image

from website.settings import base as base_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "SECURE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="www.glans-techniek.nl",
        VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


REQUESTS_ON_ONE_CONNECTION = """
import django
django.setup()
from django.core.signals import request_finished, request_started
from django.db import connection

# A temporary table lives as long as its connection.
request_started.send(sender=None)
connection.cursor().execute("CREATE TEMP TABLE opened_in_the_first_request (id INTEGER)")
request_finished.send(sender=None)
request_started.send(sender=None)
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM sqlite_temp_master WHERE name = 'opened_in_the_first_request'")
    print(cursor.fetchone()[0] == 1)
request_finished.send(sender=None)
"""


def test_production_keeps_the_sqlite_connection_from_request_to_request(tmp_path):
    """Opening a SQLite connection costs more than a story page's queries: a worker keeps its own."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", REQUESTS_ON_ONE_CONNECTION],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "True"


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
    env.update(DJANGO_SETTINGS_MODULE="website.settings.production", VAR_DIR=str(tmp_path))
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable." in result.stderr


@pytest.mark.django_db
def test_public_pages_send_the_security_headers(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    # Scripts only from the site itself or with this response's nonce; no 'unsafe-inline'.
    assert directives["script-src"].startswith("'self'")
    assert "unsafe-inline" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["frame-src"] == "https://www.youtube-nocookie.com https://player.vimeo.com"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions
    assert "geolocation=()" in permissions
    assert 'autoplay=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")' in permissions


@pytest.mark.django_db
def test_nonce_in_the_policy_is_new_for_every_response(rf, client, home_page):
    from django.template import engines

    from core.security import SitePolicyCSPMiddleware

    template = engines["django"].from_string('<script type="application/ld+json" nonce="{{ request.csp_nonce }}">{}')

    def view(request):
        from django.http import HttpResponse

        return HttpResponse(template.render({"request": request}))

    nonces = []
    for _ in range(2):
        request = rf.get("/")
        response = SitePolicyCSPMiddleware(view)(request)
        nonce = response.content.decode().split('nonce="')[1].split('"')[0]
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


@pytest.mark.django_db
def test_admin_gets_its_own_policy_and_preview_can_be_framed(admin_client, home_page):
    dashboard = admin_client.get("/admin/")
    assert dashboard.status_code == 200
    policy = dashboard["Content-Security-Policy"]
    # The admin's own inline scripts keep working, but nothing foreign is framed or posted to.
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "'nonce-" not in policy
    assert "object-src 'none'" in policy
    assert "form-action 'self'" in policy
    assert "frame-ancestors 'self'" in policy

    # Wagtail serves the preview through a fake request for the page's public URL; the
    # response must still carry the admin's policy, or the browser refuses to frame it.
    preview = admin_client.get(f"/admin/pages/{home_page.pk}/edit/preview/?in_preview_panel=true")
    assert preview.status_code == 200
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in preview["Content-Security-Policy"]


def png_header_only(width, height):
    """A PNG whose header claims width x height, with almost no pixel data."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def small_png():
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 10), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(admin_client, name, content, content_type="image/png"):
    return admin_client.post(
        "/admin/images/add/",
        {"title": "Testbeeld", "file": SimpleUploadedFile(name, content, content_type=content_type), "collection": 1},
    )


@pytest.mark.django_db
def test_admin_accepts_an_ordinary_image(admin_client):
    response = upload_image(admin_client, "logo.png", small_png())
    assert response.status_code == 302
    assert Image.objects.filter(title="Testbeeld").count() == 1


@pytest.mark.django_db
def test_admin_refuses_an_image_with_too_many_pixels(admin_client):
    response = upload_image(admin_client, "bom.png", png_header_only(30_000, 30_000))
    assert response.status_code == 200
    assert not Image.objects.exists()
    assert "bevat teveel pixels" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
        ("foto.tiff", b"II*\x00" + b"\x00" * 64, "image/tiff"),
        ("script.png", b"<html><script>alert(1)</script></html>", "image/png"),
    ],
)
def test_admin_refuses_svg_and_unknown_image_types(admin_client, name, content, content_type):
    response = upload_image(admin_client, name, content, content_type)
    assert response.status_code == 200
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_an_image_over_the_size_limit(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    response = upload_image(admin_client, "groot.png", small_png() + b"\0" * 2048)
    assert response.status_code == 200
    assert not Image.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["pagina.html", "script.js", "programma.exe", "tekening.svg"])
def test_admin_refuses_documents_of_risky_types(admin_client, name):
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Bijlage", "file": SimpleUploadedFile(name, b"<script>alert(1)</script>"), "collection": 1},
    )
    assert response.status_code == 200
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_documents_are_downloaded_not_rendered(client):
    document = Document.objects.create(title="Verslag")
    document.file.save("verslag.txt", ContentFile(b"<script>alert(1)</script>"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", True),
        ("https://vimeo.com/76979871", True),
        ("https://www.dailymotion.com/video/x7tgad0", False),
        ("https://www.tiktok.com/@someone/video/1234567890", False),
        ("https://twitter.com/someone/status/1", False),
        ("https://www.instagram.com/p/abc/", False),
    ],
)
def test_embed_finders_only_ask_youtube_and_vimeo(settings, url, accepted):
    settings.WAGTAILEMBEDS_FINDERS = base_settings.WAGTAILEMBEDS_FINDERS
    assert any(finder.accept(url) for finder in get_finders()) is accepted
