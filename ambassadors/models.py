"""
Schools, boards and ambassador stories.

The tree: HomePage → SchoolIndexPage (/scholen/) → SchoolPage, and
HomePage → AmbassadorIndexPage (/ambassadeurs/) → AmbassadorPage. Parent and subpage
rules keep editors from building anything else.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, F, Prefetch, Q, prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.images.models import Filter
from wagtail.models import Page
from wagtail.search import index

from core.api import PublicPageField
from core.image_choice import ImageChoicePageForm
from core.pages import SitePage
from core.visibility import is_public
from home.queries import is_restricted, public_pages
from home.seo import SOCIAL_IMAGE_SPEC

from .blocks import StoryStreamBlock
from .forms import AmbassadorPageForm
from .structured_data import school_structured_data, story_structured_data
from .workflow import AmbassadorConsentTask, ReviewGroupApprovalTask  # noqa: F401  (workflow task models)

DESCRIPTION_FEATURES = ["bold", "italic", "link"]


# The renditions of a story card's portrait (templates/includes/story_card.html): one per
# srcset width.
CARD_IMAGE_SPECS = ("fill-400x400", "fill-800x800")
# The columns a story card shows or links with. A list of cards loads only these: a story's
# body, the largest column by far, and the school's texts stay in the database.
PAGE_LINK_FIELDS = ("title", "slug", "url_path", "path", "depth", "live", "content_type", "locale")
STORY_CARD_FIELDS = (*PAGE_LINK_FIELDS, "role", "quote", "portrait", "school__title", "school__place", "school__live")
# The renditions of a story page's portrait: the {% picture %} in ambassador_page.html, and
# the social-media image of its meta tags and structured data.
STORY_PORTRAIT_SPECS = (*Filter.expand_spec(["format-{avif,webp}", "fill-{160x160,320x320}"]), SOCIAL_IMAGE_SPEC)
STORIES_PER_PAGE = 12


def renditions_prefetch(field, *filter_specs):
    """Prefetch the renditions of the image in `field` for `filter_specs` (one query)."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=filter_specs)
    return Prefetch(f"{field}__renditions", queryset=renditions)


def with_image(queryset, field, *filter_specs):
    """
    Join `field` (an image) and prefetch its renditions for `filter_specs`, so a list of
    pages renders its images in a fixed number of queries, however long the list.
    """
    return queryset.select_related(field).prefetch_related(renditions_prefetch(field, *filter_specs))


def public_school_condition():
    """True for a story whose school is live and behind no view restriction (in a query)."""
    return Q(school__live=True) & ~is_restricted("school__path")


def with_school_visibility(stories):
    """`stories` knowing whether their school is public, for `published_school` (no query per story)."""
    return stories.annotate(
        school_is_public=ExpressionWrapper(public_school_condition(), BooleanField()),
        school_visibility_of=F("school_id"),
    )


def public_or_none(page, name):
    """
    The page in `page`'s relation `name` (a story's school, a school's board) if it is live and
    public, else None. Whether it is public comes from the query that loaded `page`, where that
    annotated it (`with_school_visibility`), else from one query, remembered on `page`.
    """
    related = getattr(page, name)
    if related is None or not related.live:
        return None
    known = page.__dict__.get(f"{name}_is_public")
    if known is None or page.__dict__.get(f"{name}_visibility_of") != related.pk:
        known = is_public(related)
        page.__dict__.update({f"{name}_is_public": known, f"{name}_visibility_of": related.pk})
    return related if known else None


def card_columns(stories):
    """`stories` with only what their cards show: the card's columns, the school, the portrait."""
    return with_school_visibility(stories.select_related("school", "portrait").only(*STORY_CARD_FIELDS))


def story_cards(stories):
    """`stories` loaded for their cards, with the renditions of their portraits."""
    return with_image(card_columns(stories), "portrait", *CARD_IMAGE_SPECS)


class CountedPaginator(Paginator):
    """A Paginator told its count beforehand (by the filter form), saving a COUNT query."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


class SchoolKind(models.TextChoices):
    SCHOOL = "school", _("School")
    BOARD = "board", _("Schoolbestuur (stichting)")


class EducationalConcept(models.TextChoices):
    OPENBAAR = "openbaar", _("Openbare basisschool")
    DALTON = "dalton", _("Daltononderwijs")
    MONTESSORI = "montessori", _("Montessorionderwijs")
    JENAPLAN = "jenaplan", _("Jenaplanonderwijs")
    EDUCATIEF_CENTRUM = "educatief-centrum", _("Educatief centrum / kindcentrum")
    CHRISTELIJK = "christelijk", _("Christelijk onderwijs")
    OVERIG = "overig", _("Ander concept")


class Province(models.TextChoices):
    DRENTHE = "drenthe", "Drenthe"
    FLEVOLAND = "flevoland", "Flevoland"
    FRIESLAND = "friesland", "Friesland"
    GELDERLAND = "gelderland", "Gelderland"
    GRONINGEN = "groningen", "Groningen"
    LIMBURG = "limburg", "Limburg"
    NOORD_BRABANT = "noord-brabant", "Noord-Brabant"
    NOORD_HOLLAND = "noord-holland", "Noord-Holland"
    OVERIJSSEL = "overijssel", "Overijssel"
    UTRECHT = "utrecht", "Utrecht"
    ZEELAND = "zeeland", "Zeeland"
    ZUID_HOLLAND = "zuid-holland", "Zuid-Holland"


class Population(models.TextChoices):
    MIXED = "gemengd", _("Gemengd")
    MULTICULTURAL = "multicultureel", _("Multicultureel")
    MOSTLY_HIGHER_EDUCATED = "hoger-opgeleid", _("Overwegend hoger opgeleide ouders")
    MOSTLY_LOWER_EDUCATED = "lager-opgeleid", _("Overwegend lager opgeleide ouders")


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
    # The query parameters that make a variant of this page in the page cache (home/page_cache.py).
    cache_variant_parameters = ("concept", "provincie", "plaats", "populatie", "page")

    def get_stories(self):
        """Published stories, with what their cards show fetched in a fixed number of queries."""
        return story_cards(public_pages(AmbassadorPage.objects.child_of(self).live()).order_by("title"))

    def get_context(self, request, *args, **kwargs):
        from .filters import StoryFilterForm

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
