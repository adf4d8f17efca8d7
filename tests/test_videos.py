import pytest

from core.videos import parse_video_url


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "YouTube", "dQw4w9WgXcQ"),
        ("https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "YouTube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "YouTube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "YouTube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "YouTube", "dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "Vimeo", "76979871"),
        ("https://player.vimeo.com/video/76979871", "Vimeo", "76979871"),
    ],
)
def test_accepts_youtube_and_vimeo(url, provider, video_id):
    reference = parse_video_url(url)
    assert reference is not None
    assert (reference.provider, reference.video_id) == (provider, video_id)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "javascript:alert(1)",
        "ftp://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UC123",
        "https://vimeo.com/channels/staffpicks",
        "https://www.dailymotion.com/video/x7tgad0",
        "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
    ],
)
def test_refuses_other_urls(url):
    assert parse_video_url(url) is None


def test_player_urls_avoid_tracking():
    youtube = parse_video_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    vimeo = parse_video_url("https://vimeo.com/76979871")
    assert youtube.player_url.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    assert "dnt=1" in vimeo.player_url
