"""The home page, general content pages and site-wide settings."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core import wagtail_internals
from core.blocks import ImageBlock, ParagraphBlock, QuoteBlock, ResultBlock, VideoBlock
from core.image_choice import ImageChoicePageForm
from core.pages import SitePage
from core.queries import public_pages

INTRODUCTION_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
# The columns HomePage.route reads of the pages along a path (a link to a parent needs its url_path).
ROUTE_FIELDS = ("path", "depth", "url_path", "content_type", "live", "title", "slug", "locale", "alias_of")


def specific_for_serving(page):
    """
    `page.specific`, with the relations its type names in `serve_select_related` fetched in
    the same query (a story's school and portrait).
    """
    model = page.specific_class
    related = getattr(model, "serve_select_related", ()) if model is not None else ()
    if not related or isinstance(page, model):
        return page.specific
    queryset = model._default_manager.select_related(*related)
    # And what the type annotates for its template (whether a story's school is public).
    annotate = getattr(model, "annotate_for_serving", None)
    specific = (annotate(queryset) if annotate else queryset).get(pk=page.pk)
    # What `Page.specific` would carry over, such as the parent found while routing.
    for name, value in page.__dict__.items():
        specific.__dict__.setdefault(name, value)
    return specific


class HomePage(SitePage, Page):
    hero_title = models.CharField(_("kop"), max_length=120)
    hero_text = models.TextField(_("tekst onder de kop"), max_length=400, blank=True)
    introduction = RichTextField(
        _("over de Glans-techniek"),
        features=INTRODUCTION_FEATURES,
        blank=True,
    )
    cta_title = models.CharField(_("titel oproep"), max_length=120, blank=True)
    cta_text = models.TextField(_("tekst oproep"), max_length=400, blank=True)
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina van de oproep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Waar de knop van de oproep naartoe leidt, bijvoorbeeld de contactpagina."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Kop")),
        FieldPanel("introduction"),
        InlinePanel("featured_stories", label=_("Uitgelichte verhalen"), max_num=6),
        MultiFieldPanel(
            [FieldPanel("cta_title"), FieldPanel("cta_text"), PageChooserPanel("cta_page")],
            heading=_("Oproep tot contact"),
        ),
    ]

    search_fields = [*Page.search_fields, index.SearchField("hero_text"), index.SearchField("introduction")]

    summary_fields = search_text_fields = ("introduction", "hero_text")
    # The home page names the page of its call to action, and its featured stories.
    shows_pages_in = ("cta_page", "featured_stories__story")

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "ambassadors.AmbassadorIndexPage",
        "ambassadors.SchoolIndexPage",
        "home.ContentPage",
        "contact.ContactPage",
    ]
    max_count = 1

    def route(self, request, path_components):
        """
        Find the requested page with one query on `url_path`, plus one for its specific type.

        Wagtail's `Page.route` walks the tree with two queries per level (the child, then its
        specific type): six for a story page. Here one query fetches the pages along the path;
        the deepest routes the rest itself, so a page with routes of its own (ContactPage's
        /contact/bedankt/) keeps them, an unknown path still ends in a 404, and only a live
        page is served (`Page.route` checks that at the last step). Each page found learns its
        parent, as `Page.route` does, so templates get it without a query. Pages between the
        site root and the requested page do not route: none of this site's types routes
        differently there.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:depth]) + "/" for depth in range(1, len(path_components) + 1)
        ]
        # A chain: each page found is the child of the one before it. Only what routing, the
        # specific page and links to the parents need: the served page is loaded in full.
        # Below this page by its tree path (`get_descendants()` adds a depth and a not-itself
        # condition that the longer url_paths already rule out). A url_path ends in the page's
        # slug: the slugs let the database read the few pages of that name from the slug's
        # index, where url_path, without an index of its own, meant reading every page.
        below = Page.objects.filter(path__startswith=self.path, slug__in=path_components, url_path__in=prefixes)
        pages = below.only(*ROUTE_FIELDS).order_by("depth")
        parent = self
        for page in pages:
            wagtail_internals.remember_parent(page, parent)
            parent = page
        if parent is self:
            raise Http404
        return specific_for_serving(parent).route(request, path_components[parent.depth - self.depth :])

    def get_featured_stories(self):
        """The stories editors chose, in their order, leaving out any that are not live."""
        # The story page type, as the relation names it: it loads its own cards.
        story_page = HomePageFeaturedStory._meta.get_field("story").related_model
        story_ids = list(self.featured_stories.values_list("story_id", flat=True))
        stories = story_page.public_cards(story_ids)
        return [stories[pk] for pk in story_ids if pk in stories]

    def get_published_cta_page(self):
        """The page the call to action leads to, if it is live and public (one query, as the relation)."""
        if self.cta_page_id is None:
            return None
        return public_pages(Page.objects.live().filter(pk=self.cta_page_id)).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_stories"] = self.get_featured_stories()
        context["cta_page"] = self.get_published_cta_page()
        return context

    class Meta:
        verbose_name = _("homepagina")


class HomePageFeaturedStory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_stories")
    story = models.ForeignKey(
        "ambassadors.AmbassadorPage",
        verbose_name=_("verhaal"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("story", "ambassadors.AmbassadorPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("uitgelicht verhaal")


class ContentPage(SitePage, Page):
    """A general page, such as "Over de Glans-techniek" or the privacy statement."""

    base_form_class = ImageChoicePageForm

    introduction = models.TextField(_("inleiding"), max_length=600, blank=True)
    body = StreamField(
        [
            ("paragraph", ParagraphBlock(features=INTRODUCTION_FEATURES)),
            ("image", ImageBlock()),
            ("quote", QuoteBlock()),
            ("result", ResultBlock()),
            ("video", VideoBlock()),
        ],
        blank=True,
        verbose_name=_("inhoud"),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    summary_fields = search_text_fields = ("introduction",)

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("inhoudspagina")


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Klaver CT's contact details, shown in the footer and used for contact requests."""

    organisation_name = models.CharField(_("organisatie"), max_length=100, default="Klaver CT")
    secretariat_email = models.EmailField(_("e-mailadres secretariaat"), blank=True)
    secretariat_phone = models.CharField(_("telefoonnummer secretariaat"), max_length=30, blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Fetched with the settings in one query: the footer links to it on every page.
    select_related = ["privacy_page"]

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("secretariat_email"),
        FieldPanel("secretariat_phone"),
        PageChooserPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("organisatie")
