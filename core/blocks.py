"""
StreamField blocks any page type may use: paragraphs, videos, quotes, images and results.

The blocks of one content domain (a story's questions and answers) live in that app's
`blocks.py` and build on these. Visitor- and editor-facing text is Dutch, wrapped in gettext.
The text blocks show in the admin's compare view as a reader sees them (core/block_comparison.py);
the image block keeps Wagtail's own comparison, which shows the images.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock, EmbedValue

from .block_comparison import ReaderComparedBlock
from .image_choice import ChosenImageBlock
from .videos import fetch_embed, parse_video_url


class ParagraphBlock(ReaderComparedBlock, blocks.RichTextBlock):
    """Free text. Each page type passes the rich text `features` its pages may use."""

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Tekst")
        description = _("Een vrije alinea tekst")
        preview_value = "<p>Ouders en school werken samen aan het leren van de kinderen.</p>"


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


class VideoBlock(ReaderComparedBlock, blocks.StructBlock):
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


class QuoteBlock(ReaderComparedBlock, blocks.StructBlock):
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


class ResultBlock(ReaderComparedBlock, blocks.StructBlock):
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
