"""
StreamField blocks of an ambassador story.

Visitor- and editor-facing text is Dutch (the site speaks Dutch); it is wrapped in gettext
so the admin and templates go through Django's i18n like everything else.
"""

from django.core.exceptions import ValidationError
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from core.block_comparison import ReaderComparedBlock
from core.blocks import (
    ImageBlock,
    ParagraphBlock,
    QuoteBlock,
    ResultBlock,
    VideoBlock,
    VideoURLBlock,  # noqa: F401  (named by this app's old migrations)
)
from core.reader_text import reader_text

# A small, safe set: no headings, images or embeds inside an answer.
ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# The questions that come back in (nearly) every story, offered as a choice.
RECURRING_QUESTIONS = [
    ("werkwijze", _("Hoe werken jullie met de Glans-techniek in de school?")),
    ("opbrengst", _("Wat heeft de Glans-techniek jullie opgeleverd?")),
    ("keuze", _("Waarom hebben jullie voor de Glans-techniek gekozen?")),
    ("verandering", _("Wat is er veranderd sinds de invoering van de Glans-techniek?")),
]


class QuestionAnswerValue(blocks.StructValue):
    def question(self):
        """The question as shown: the ambassador's own wording, or the chosen recurring one."""
        if self.get("own_question"):
            return self["own_question"]
        return dict(RECURRING_QUESTIONS).get(self.get("recurring_question"), "")


class QuestionAnswerBlock(ReaderComparedBlock, blocks.StructBlock):
    recurring_question = blocks.ChoiceBlock(
        choices=RECURRING_QUESTIONS,
        required=False,
        label=_("Vaste vraag"),
        help_text=_("Kies een vraag die in de verhalen terugkomt, of schrijf hieronder je eigen vraag."),
    )
    own_question = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Eigen vraag"),
        help_text=_("Alleen invullen als geen van de vaste vragen past."),
    )
    answer = blocks.RichTextBlock(
        features=ANSWER_FEATURES,
        label=_("Antwoord"),
        help_text=_("Vertel in je eigen woorden wat jullie doen en wat het oplevert. Korte alinea's lezen prettig."),
    )
    highlight = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Uitgelichte zin"),
        help_text=_("Optioneel: één zin uit je antwoord die als citaat opvalt."),
    )

    def get_reader_parts(self, value):
        """What a reader sees (core/reader_text.py): the question as shown, never the fixed question's key."""
        answer, highlight = self.child_blocks["answer"], self.child_blocks["highlight"]
        return [
            (_("Vraag"), force_str(value.question())),
            (capfirst(force_str(answer.label)), reader_text(answer, value.get("answer"))),
            (capfirst(force_str(highlight.label)), reader_text(highlight, value.get("highlight"))),
        ]

    def get_reader_title(self, value):
        return force_str(value.question())

    def clean(self, value):
        value = super().clean(value)
        has_choice = bool(value.get("recurring_question"))
        has_own = bool(value.get("own_question"))
        if has_choice == has_own:
            message = (
                _("Kies een vaste vraag óf schrijf een eigen vraag, niet allebei.")
                if has_own
                else _("Kies een vaste vraag of schrijf een eigen vraag.")
            )
            raise StructBlockValidationError(block_errors={"own_question": ValidationError(message)})
        return value

    class Meta:
        icon = "help"
        template = "blocks/question_answer_block.html"
        label = _("Vraag en antwoord")
        description = _("Een vraag met het antwoord van de ambassadeur")
        value_class = QuestionAnswerValue
        preview_value = {
            "recurring_question": "werkwijze",
            "answer": "<p>Als team volgen we samen de lessen en maken we afspraken over het contact met ouders.</p>",
            "highlight": "Ouders voelen zich gehoord.",
        }


class StoryStreamBlock(blocks.StreamBlock):
    """The body of an ambassador story."""

    question_answer = QuestionAnswerBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    result = ResultBlock()
    image = ImageBlock()
    paragraph = ParagraphBlock(features=["h3", *ANSWER_FEATURES])
