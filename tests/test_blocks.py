"""Story blocks: validation in the editor and what visitors see."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.models import Embed

from ambassadors.blocks import QuestionAnswerBlock, StoryStreamBlock
from core.blocks import ImageBlock, QuoteBlock, ResultBlock, VideoBlock
from home.factories import ImageFactory

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
UNREACHABLE = "https://www.youtube.com/watch?v=unreachable"  # the offline finder fails on it


def video_value(url, caption="Bekijk de videoreferentie van Anje"):
    return VideoBlock().to_python({"video": url, "caption": caption, "poster": None})


def field_error_message(excinfo, field):
    error = excinfo.value.block_errors[field]
    return " ".join(error.messages) if hasattr(error, "messages") else str(error)


class TestQuestionAnswerBlock:
    def test_renders_recurring_question_and_answer(self):
        block = QuestionAnswerBlock()
        value = block.to_python(
            {
                "recurring_question": "opbrengst",
                "own_question": "",
                "answer": "<p>Ouders voelen zich <b>gehoord</b>.</p>",
                "highlight": "Ouders zijn onze ambassadeurs.",
            }
        )
        html = block.render(value)
        assert "Wat heeft de Glans-techniek jullie opgeleverd?" in html
        assert "<b>gehoord</b>" in html
        assert "Ouders zijn onze ambassadeurs." in html

    def test_own_question_is_shown_instead(self):
        block = QuestionAnswerBlock()
        value = block.to_python({"own_question": "Hoe begon het?", "answer": "<p>Met een pilot.</p>"})
        assert "Hoe begon het?" in block.render(value)

    def test_question_is_required(self):
        block = QuestionAnswerBlock()
        value = block.to_python({"answer": "<p>Antwoord zonder vraag.</p>"})
        with pytest.raises(StructBlockValidationError) as excinfo:
            block.clean(value)
        assert "Kies een vaste vraag of schrijf een eigen vraag" in field_error_message(excinfo, "own_question")

    def test_not_both_questions(self):
        block = QuestionAnswerBlock()
        value = block.to_python(
            {"recurring_question": "werkwijze", "own_question": "Nog een vraag?", "answer": "<p>Antwoord.</p>"}
        )
        with pytest.raises(StructBlockValidationError) as excinfo:
            block.clean(value)
        assert "niet allebei" in field_error_message(excinfo, "own_question")


@pytest.mark.django_db
class TestVideoBlock:
    @pytest.mark.parametrize(
        "url",
        ["https://www.dailymotion.com/video/x7tgad0", "https://www.youtube.com/watch?v=kort", "youtube dQw4w9WgXcQ"],
    )
    def test_unsupported_or_malformed_url_is_refused_in_dutch(self, url):
        with pytest.raises(StructBlockValidationError) as excinfo:
            VideoBlock().clean(video_value(url))
        assert "Dit is geen geldige YouTube- of Vimeo-link" in field_error_message(excinfo, "video")

    def test_valid_url_is_accepted_and_the_embed_is_stored(self):
        cleaned = VideoBlock().clean(video_value(YOUTUBE))
        assert cleaned["video"].url == YOUTUBE
        assert Embed.objects.filter(url=YOUTUBE).exists()

    def test_valid_url_is_accepted_while_the_provider_is_unreachable(self):
        cleaned = VideoBlock().clean(video_value(UNREACHABLE))
        assert cleaned["video"].url == UNREACHABLE

    def test_renders_a_facade_without_loading_the_provider(self):
        html = VideoBlock().render(video_value(YOUTUBE))
        assert "<iframe" not in html
        assert 'data-video-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' in html
        assert "Video afspelen: Videoreferentie dQw4w9WgXcQ" in html
        assert "Bekijk de videoreferentie van Anje" in html
        assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html

    def test_unreachable_provider_still_renders_a_link(self):
        html = VideoBlock().render(video_value(UNREACHABLE))
        assert "data-video-player" not in html
        assert 'href="https://www.youtube.com/watch?v=unreachable"' in html
        assert "Bekijk de video op YouTube" in html
        assert "Bekijk de videoreferentie van Anje" in html

    def test_failed_lookup_is_not_retried_on_every_view(self, django_assert_num_queries):
        VideoBlock().render(video_value(UNREACHABLE))
        # The failure is remembered in the cache: no embed look-up in the database either.
        with django_assert_num_queries(0):
            VideoBlock().render(video_value(UNREACHABLE))


def test_quote_block_renders_quote_and_attribution():
    block = QuoteBlock()
    html = block.render(block.to_python({"quote": "Doen!", "attribution": "Hans", "role": "Clusterdirecteur"}))
    assert "Doen!" in html
    assert "Hans, Clusterdirecteur" in html


def test_result_block_renders_figure_and_description():
    block = ResultBlock()
    html = block.render(block.to_python({"figure": "80%", "description": "van de ouders is tevreden"}))
    assert '<strong class="result__figure">80%</strong>' in html
    assert "van de ouders is tevreden" in html


@pytest.mark.django_db
def test_image_block_renders_a_rendition_with_alt_text():
    image = ImageFactory(title="Schoolplein")
    block = ImageBlock()
    html = block.render(block.to_python({"image": image.pk, "alt_text": "Kinderen op het plein", "caption": "Pauze"}))
    assert 'alt="Kinderen op het plein"' in html
    assert 'loading="lazy"' in html
    assert "Pauze" in html


def test_image_block_requires_alt_text():
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": None, "alt_text": "", "caption": ""}))


def test_story_stream_offers_the_story_blocks():
    assert set(StoryStreamBlock.base_blocks) >= {"question_answer", "video", "quote", "result", "image", "paragraph"}
