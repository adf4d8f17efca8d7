"""An embed finder that never leaves this machine, configured in the test settings."""

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

from core.videos import parse_video_url

# A video ID containing this marker behaves like a provider that cannot be reached.
UNREACHABLE_MARKER = "unreachable"


class OfflineVideoFinder(EmbedFinder):
    """Answers for YouTube and Vimeo URLs the way their oEmbed endpoints would."""

    def __init__(self, **options):
        self.calls = 0

    def accept(self, url):
        return parse_video_url(url) is not None

    def find_embed(self, url, max_width=None, max_height=None):
        reference = parse_video_url(url)
        if UNREACHABLE_MARKER in url:
            raise EmbedNotFoundException(f"Provider unreachable for {url}")
        return {
            "title": f"Videoreferentie {reference.video_id}",
            "author_name": "Klaver CT",
            "provider_name": reference.provider,
            "type": "video",
            "thumbnail_url": f"https://img.example.test/{reference.video_id}.jpg",
            "width": 640,
            "height": 360,
            "html": f'<iframe src="{reference.player_url}" width="640" height="360"></iframe>',
        }
