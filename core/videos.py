"""
Video references: which URLs we accept, and how to play them without tracking.

Only YouTube and Vimeo are accepted (the same two providers the oEmbed finder asks in
settings). The player is loaded from the provider's privacy-friendly host, and only once the
visitor clicks play (see templates/blocks/video_block.html).
"""

import hashlib
import logging
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.cache import cache
from wagtail.embeds.embeds import get_embed

logger = logging.getLogger(__name__)

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{6,12}$")
# After a failed look-up the provider is not asked again for this long, so an outage
# does not make every page view wait for a time-out.
FAILURE_BACKOFF_SECONDS = 300


@dataclass(frozen=True)
class VideoReference:
    provider: str  # "YouTube" or "Vimeo"
    video_id: str

    @property
    def player_url(self):
        """The iframe URL, on hosts that set no tracking cookies before play."""
        if self.provider == "YouTube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1&rel=0"
        return f"https://player.vimeo.com/video/{self.video_id}?autoplay=1&dnt=1"

    @property
    def watch_url(self):
        """A plain link to the video on the provider's own site."""
        if self.provider == "YouTube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"


def parse_video_url(url):
    """
    Return the VideoReference for a YouTube or Vimeo URL, or None for anything else.

    Accepts the forms people copy from a browser or a share button:
    youtube.com/watch?v=ID, youtu.be/ID, youtube.com/embed/ID, youtube.com/shorts/ID,
    vimeo.com/ID and player.vimeo.com/video/ID.
    """
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]

    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = segments[0] if segments else ""
        elif segments[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "v", "live"}:
            candidate = segments[1]
        else:
            candidate = ""
        if YOUTUBE_ID.match(candidate):
            return VideoReference("YouTube", candidate)
        return None

    if host in VIMEO_HOSTS:
        if host == "player.vimeo.com":
            candidate = segments[1] if segments[:1] == ["video"] and len(segments) > 1 else ""
        else:
            candidate = segments[-1] if segments else ""
        if VIMEO_ID.match(candidate):
            return VideoReference("Vimeo", candidate)
    return None


def fetch_embed(url):
    """
    The wagtail.embeds Embed for a video URL, or None when it cannot be had now.

    Wagtail keeps found embeds in its database, so the provider is asked once per video.
    Any failure (provider down, video removed, unexpected answer) is logged and remembered
    for a few minutes; callers show a plain link instead of the player.
    """
    failure_key = "video-embed-failed:" + hashlib.sha256(url.encode()).hexdigest()
    if cache.get(failure_key):
        return None
    try:
        return get_embed(url)
    except Exception:
        # Deliberately broad: a video provider must never break a page.
        logger.warning("Video embed for %s could not be fetched", url, exc_info=True)
        cache.set(failure_key, True, FAILURE_BACKOFF_SECONDS)
        return None
