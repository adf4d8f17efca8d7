"""
Schools, boards and ambassador stories.

The tree: HomePage → SchoolIndexPage (/scholen/) → SchoolPage, and
HomePage → AmbassadorIndexPage (/ambassadeurs/) → AmbassadorPage. Parent and subpage
rules keep editors from building anything else.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from core.api import PublicPageField
from core.image_choice import ImageChoicePageForm
from core.pages import SitePage
from core.queries import public_pages

from .blocks import StoryStreamBlock
from .choices import EducationalConcept, Population, Province, SchoolKind
from .filters import StoryFilterForm
from .forms import AmbassadorPageForm
from .queries import (
    CARD_IMAGE_SPECS,
    STORY_PORTRAIT_SPECS,
    card_columns,
    public_or_none,
    renditions_prefetch,
    story_cards,
    with_image,
    with_school_visibility,
)
from .structured_data import school_structured_data, story_structured_data
from .workflow import AmbassadorConsentTask, ReviewGroupApprovalTask  # noqa: F401  (workflow task models)

DESCRIPTION_FEATURES = ["bold", "italic", "link"]


STORIES_PER_PAGE = 12


class CountedPaginator(Paginator):
    """A Paginator told its count beforehand (by the filter form), saving a COUNT query."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


class SchoolIndexPage(SitePage, Page):
    introduction = models.TextField(_("inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["ambassadors.SchoolPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        schools = public_pages(SchoolPage.objects.child_of(self).live()).order_by("title")
        context["schools"] = with_image(schools, "logo", "fill-160x160")
        return context

    class Meta:
        verbose_name = _("overzicht van scholen")


class SchoolPage(SitePage, Page):
    """A primary school, or a school board ("stichting") with several schools."""

    base_form_class = ImageChoicePageForm

    kind = models.CharField(_("soort"), max_length=10, choices=SchoolKind.choices, default=SchoolKind.SCHOOL)
    place = models.CharField(_("plaats"), max_length=100, help_text=_("Bijvoorbeeld Denekamp of Enschede."))
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices, blank=True)
    educational_concept = models.CharField(
        _("onderwijsconcept"),
        max_length=30,
        choices=EducationalConcept.choices,
        blank=True,
        help_text=_("Laat leeg voor een schoolbestuur."),
    )
    population = models.CharField(
        _("leerlingenpopulatie"),
        max_length=20,
        choices=Population.choices,
        blank=True,
        help_text=_("Gebruikt om verhalen van vergelijkbare scholen te vinden."),
    )
    board = models.ForeignKey(
        "self",
        verbose_name=_("schoolbestuur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_schools",
        limit_choices_to={"kind": SchoolKind.BOARD},
        help_text=_("De stichting waar deze school onder valt, als die een eigen pagina heeft."),
    )
    pupils_and_parents = RichTextField(
        _("leerlingen en ouders"),
        features=DESCRIPTION_FEATURES,
        blank=True,
        help_text=_("Wie zitten er op school: de leerlingen, de ouders, hun achtergronden."),
    )
    characteristics = RichTextField(
        _("kenmerkend"),
        features=DESCRIPTION_FEATURES,
        blank=True,
        help_text=_("Wat de school kenmerkt: de waarden, de sfeer, de aanpak."),
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("place"),
                FieldPanel("province"),
                FieldPanel("educational_concept"),
                FieldPanel("population"),
                FieldPanel("board"),
                FieldPanel("website"),
            ],
            heading=_("Gegevens"),
        ),
        FieldPanel("pupils_and_parents"),
        FieldPanel("characteristics"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("photo")], heading=_("Beeld")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("place"),
        index.SearchField("pupils_and_parents"),
        index.SearchField("characteristics"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["ambassadors.SchoolIndexPage"]
    subpage_types = []

    @property
    def is_board(self):
        return self.kind == SchoolKind.BOARD

    @property
    def published_board(self):
        """The board, if its page is live and public: a draft or private board is never named or linked."""
        return public_or_none(self, "board")

    api_fields = [
        APIField("kind"),
        APIField("place"),
        APIField("province"),
        APIField("educational_concept"),
        APIField("population"),
        APIField("board", serializer=PublicPageField()),
        APIField("website"),
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = school_structured_data(self, request)
        ambassadors = public_pages(AmbassadorPage.objects.live().filter(school=self))
        context["ambassadors"] = story_cards(ambassadors.order_by("title"))
        if self.is_board:
            context["member_schools"] = public_pages(SchoolPage.objects.live().filter(board=self)).order_by("title")
        return context

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")


class AmbassadorIndexPage(SitePage, Page):
    introduction = models.TextField(_("inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["ambassadors.AmbassadorPage"]
    max_count = 1
    # The query parameters that make a variant of this page in the page cache (core/page_cache.py).
    cache_variant_parameters = ("concept", "provincie", "plaats", "populatie", "page")

    def get_stories(self):
        """Published stories, with what their cards show fetched in a fixed number of queries."""
        return story_cards(public_pages(AmbassadorPage.objects.child_of(self).live()).order_by("title"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = self.get_stories()
        filter_form = StoryFilterForm(request.GET, stories)
        context["filter_form"] = filter_form
        paginator = CountedPaginator(filter_form.apply(stories), STORIES_PER_PAGE, count=filter_form.count())
        context["stories"] = paginator.get_page(request.GET.get("page"))
        # Only known filter values and an existing page number are worth a cache entry.
        context["page_cache_variant"] = filter_form.is_valid() and request.GET.get("page") in (
            None,
            str(context["stories"].number),
        )
        return context

    class Meta:
        verbose_name = _("overzicht van ambassadeurs")


class AmbassadorPage(SitePage, Page):
    """
    The story of one ambassador: a school director who uses the Glans-techniek.

    The page title is the ambassador's name. `ambassador_account` links the story to the
    user account of the ambassador, who may then edit this one page: see `ambassadors.access`
    for how ("a page permission of their own") and docs/workflow.md.
    """

    role = models.CharField(
        _("functie"),
        max_length=100,
        help_text=_("Je functie, bijvoorbeeld Directeur of Clusterdirecteur."),
    )
    portrait = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("portret"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Een portretfoto, liefst vierkant en minstens 800 pixels breed."),
    )
    school = models.ForeignKey(
        SchoolPage,
        verbose_name=_("school"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="ambassador_pages",
        help_text=_("De school of het schoolbestuur waar je werkt."),
    )
    quote = models.CharField(
        _("kernzin"),
        max_length=200,
        blank=True,
        help_text=_("Eén zin die je ervaring samenvat; staat bovenaan je verhaal en op de overzichtspagina."),
    )
    introduction = models.TextField(
        _("inleiding"),
        max_length=600,
        blank=True,
        help_text=_("Twee of drie zinnen over jou en je school, als opening van je verhaal."),
    )
    body = StreamField(
        StoryStreamBlock(),
        blank=True,
        verbose_name=_("verhaal"),
        help_text=_("Beantwoord de vragen, en voeg eventueel een video, citaat of resultaat toe."),
    )
    ambassador_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account van de ambassadeur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ambassador_pages",
        help_text=_("Het account waarmee deze ambassadeur het eigen verhaal bewerkt."),
    )

    content_panels = [
        TitleFieldPanel("title", help_text=_("Je voor- en achternaam, zoals die boven je verhaal staat.")),
        MultiFieldPanel(
            [FieldPanel("role"), FieldPanel("school"), FieldPanel("portrait")],
            heading=_("De ambassadeur"),
        ),
        FieldPanel("quote"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    # Checks which accounts may be linked (the invitation's rule) and which images may be
    # chosen before the editor saves.
    base_form_class = AmbassadorPageForm

    # Only staff who may invite ambassadors see this field: an ambassador cannot hand their
    # story to another account (a field without permission is left out of their form).
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("ambassador_account", permission="ambassadors.invite_ambassador"),
    ]

    # Read-only in the public API (/api/v2/); the ambassador's account stays out of it.
    api_fields = [
        APIField("role"),
        APIField("school", serializer=PublicPageField()),
        APIField("portrait"),
        APIField("quote"),
        APIField("introduction"),
        APIField("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("role"),
        index.SearchField("quote"),
        index.SearchField("introduction"),
        index.SearchField("body"),
        # The school's name and place, only while the school is public (reindexed when that
        # changes: ambassadors/signal_handlers.py).
        index.SearchField("public_school_text"),
        index.FilterField("school"),
    ]

    parent_page_types = ["ambassadors.AmbassadorIndexPage"]
    subpage_types = []

    # Fetched with the page when it is served (home.models.HomePage.route).
    serve_select_related = ("school", "portrait")

    @classmethod
    def annotate_for_serving(cls, queryset):
        return with_school_visibility(queryset)

    @property
    def published_school(self):
        """
        The school, if its page is live and public: a draft school, or one behind a view
        restriction (its own or an ancestor's), is never named or linked publicly.
        """
        return public_or_none(self, "school")

    def public_school_text(self):
        """What the search index holds of the school: its name and place, only while it is public."""
        school = self.published_school
        return f"{school.title} {school.place}" if school is not None else ""

    @classmethod
    def public_cards(cls, pks):
        """The live, public stories among `pks`, loaded for their cards, by pk (the home page's featured stories)."""
        return story_cards(public_pages(cls.objects.live().filter(pk__in=pks))).in_bulk()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Three other stories, the ids first: the database sorts narrow rows, not every sibling.
        others = public_pages(AmbassadorPage.objects.live().sibling_of(self, inclusive=False)).order_by("title")
        others = list(card_columns(AmbassadorPage.objects.filter(pk__in=others.values("pk")[:3]).order_by("title")))
        # One query for the renditions of every portrait on the page: this story's (header, meta
        # tags, structured data) and the cards'. Without it each place costs a cache round trip
        # and a write back.
        portraits = renditions_prefetch("portrait", *STORY_PORTRAIT_SPECS, *CARD_IMAGE_SPECS)
        prefetch_related_objects([self, *others], portraits)
        context["other_stories"] = others
        context["structured_data"] = story_structured_data(self, request)
        return context

    class Meta:
        verbose_name = _("ambassadeursverhaal")
        verbose_name_plural = _("ambassadeursverhalen")
        permissions = [("invite_ambassador", "Can invite an ambassador to edit their story")]
