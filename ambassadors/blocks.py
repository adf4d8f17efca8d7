"""
StreamField blocks of an ambassador story.

Visitor- and editor-facing text is Dutch (the site speaks Dutch); it is wrapped in gettext
so the admin and templates go through Django's i18n like everything else.
"""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock, EmbedValue

from core.image_choice import ChosenImageBlock

from .videos import fetch_embed, parse_video_url

logger = logging.getLogger(__name__)

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


class QuestionAnswerBlock(blocks.StructBlock):
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


class VideoURLBlock(EmbedBlock):
    """
    An EmbedBlock that accepts YouTube and Vimeo URLs only.

    Unlike EmbedBlock it does not refuse a valid URL while the provider is unreachable:
    the story can still be saved, and the page shows a plain link until the embed is found.
    """

    def clean(self, value):
        url = value.url if isinstance(value, EmbedValue) else (value or "")
        if url and parse_video_url(url) is None:
            raise ValidationError(
                _(
                    "Dit is geen geldige YouTube- of Vimeo-link. Plak de link van de video, "
                    "bijvoorbeeld https://www.youtube.com/watch?v=… of https://vimeo.com/…"
                )
            )
        # Skip EmbedBlock.clean, which asks the provider; fetch_embed does that without failing.
        value = blocks.URLBlock.clean(self, value)
        if url:
            fetch_embed(url)
        return value


class VideoBlock(blocks.StructBlock):
    video = VideoURLBlock(
        label=_("Videolink"),
        help_text=_("De link van de video op YouTube of Vimeo."),
    )
    caption = blocks.CharBlock(
        max_length=200,
        label=_("Onderschrift"),
        help_text=_("Bijvoorbeeld: Bekijk de videoreferentie van Anje."),
    )
    poster = ChosenImageBlock(
        required=False,
        label=_("Voorbeeldafbeelding"),
        help_text=_("Optioneel: een eigen afbeelding die getoond wordt tot de bezoeker op afspelen klikt."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        url = value["video"].url if value.get("video") else ""
        context["reference"] = parse_video_url(url)
        # None when the provider cannot be reached: the template then shows a plain link.
        context["embed"] = fetch_embed(url) if context["reference"] else None
        return context

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        description = _("Een videoreferentie van YouTube of Vimeo")
        preview_value = {
            "video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "caption": "Bekijk de videoreferentie van de ambassadeur",
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=500, label=_("Citaat"))
    attribution = blocks.CharBlock(required=False, max_length=120, label=_("Naam"))
    role = blocks.CharBlock(required=False, max_length=120, label=_("Functie"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Citaat")
        description = _("Een opvallende uitspraak, met wie het zei")
        preview_value = {
            "quote": "Ouderbetrokkenheid met de Glans-techniek? Doen!",
            "attribution": "Een ambassadeur",
            "role": "Directeur",
        }


class ImageBlock(blocks.StructBlock):
    image = ChosenImageBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alternatieve tekst"),
        help_text=_("Beschrijf wat er op de afbeelding te zien is, voor wie de afbeelding niet kan zien."),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Onderschrift"))

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Afbeelding")
        description = _("Een afbeelding met beschrijving en onderschrift")


class ResultBlock(blocks.StructBlock):
    figure = blocks.CharBlock(
        max_length=20,
        label=_("Resultaat"),
        help_text=_("Het getal, kort: bijvoorbeeld 80%."),
    )
    description = blocks.CharBlock(
        max_length=200,
        label=_("Toelichting"),
        help_text=_("Waar het getal over gaat: bijvoorbeeld van de ouders is tevreden over de school."),
    )

    class Meta:
        icon = "pick"
        template = "blocks/result_block.html"
        label = _("Resultaat")
        description = _("Een gemeten resultaat, zoals een tevredenheidscijfer")
        preview_value = {"figure": "80%", "description": "van de ouders is tevreden over de school"}


class StoryStreamBlock(blocks.StreamBlock):
    """The body of an ambassador story."""

    question_answer = QuestionAnswerBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    result = ResultBlock()
    image = ImageBlock()
    paragraph = blocks.RichTextBlock(
        features=["h3", *ANSWER_FEATURES],
        label=_("Tekst"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Een vrije alinea tekst"),
    )
