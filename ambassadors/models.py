"""
Schools, boards and ambassador stories.

The tree: HomePage → SchoolIndexPage (/scholen/) → SchoolPage, and
HomePage → AmbassadorIndexPage (/ambassadeurs/) → AmbassadorPage. Parent and subpage
rules keep editors from building anything else.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import AbstractGroupApprovalTask, Page, Revision, Task, TaskState
from wagtail.search import index
from wagtail.signals import task_approved

from core.api import PublicPageField
from core.image_choice import ImageChoicePageForm
from core.pages import SitePage
from core.queries import public_pages, unrestricted

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
from .story_checks import StoryCheck, confirmed_at_in_sitemap  # noqa: F401 (StoryCheck: registered here)
from .structured_data import school_structured_data, story_structured_data
from .workflow import APPROVE_ACTIONS, is_last_step, is_own_change, linked_since, revision_authors

DESCRIPTION_FEATURES = ["bold", "italic", "link"]


STORIES_PER_PAGE = 12
# The other stories a story page leads on to.
OTHER_STORIES = 3


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

    summary_fields = search_text_fields = ("introduction",)

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

    summary_fields = ("characteristics", "pupils_and_parents")
    image_fields = ("photo", "logo")
    search_text_fields = ("place", "pupils_and_parents", "characteristics")
    # A school names its board.
    shows_pages_in = ("board",)

    def get_pages_showing(self):
        """Also its board's page (it lists its schools), and where its stories' cards name it."""
        pages = super().get_pages_showing()
        story = AmbassadorPage.objects.filter(school=self).first()
        if story is not None:
            overview = story.get_parent()
            pages += [overview, *filter(None, [overview.get_parent()])]  # the overview and the home page
        if self.board_id:
            pages.append(self.board)
        return pages

    def get_structured_data(self, request):
        return school_structured_data(self, request)

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
        context["structured_data"] = self.get_structured_data(request)
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

    summary_fields = search_text_fields = ("introduction",)

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


# Marketing's permission (and every superuser's): the mark of staff who look after stories.
STAFF_FIELDS_PERMISSION = "ambassadors.invite_ambassador"
STAFF_SEO_FIELDS = ("slug", "seo_title", "search_description")


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

    # The story's address, menu and search-engine texts stay with Marketing (and superusers):
    # a field whose permission the user lacks is left out of their form, so the ambassador
    # neither sees nor posts it, and the Eigenschappen tab is not shown to her.
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel(name, permission=STAFF_FIELDS_PERMISSION) for name in STAFF_SEO_FIELDS],
            heading=_("Voor zoekmachines"),
        ),
        MultiFieldPanel(
            [FieldPanel("show_in_menus", permission=STAFF_FIELDS_PERMISSION)], heading=_("Menu van de site")
        ),
    ]

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

    summary_fields = ("introduction", "quote")
    image_fields = ("portrait",)
    search_text_fields = ("quote", "introduction")
    open_graph_type = "article"
    # A story's card names its school.
    shows_pages_in = ("school",)

    def get_pages_showing(self):
        """Also the other stories' pages (each shows up to three) and its school's page (it lists them)."""
        return [*super().get_pages_showing(), *self.get_siblings(inclusive=False), *filter(None, [self.school])]

    def get_structured_data(self, request):
        return story_structured_data(self, request)

    # Fetched with the page when it is served (home.models.HomePage.route); the school's logo
    # for the structured data's organisation. Not its photo, shown there only for a school
    # without a logo: joined, it cost every story 1 M instructions; read by its primary key
    # when it is needed, it costs the story of a school with a photo and no logo one query
    # (docs/performance.md).
    serve_select_related = ("school__logo", "portrait", "story_check")

    def get_sitemap_urls(self, request=None):
        """The sitemap's lastmod is also moved by the ambassador's yearly confirmation (story_checks.py)."""
        confirmed = confirmed_at_in_sitemap(self, request)
        return [
            {**entry, "lastmod": max(filter(None, [entry.get("lastmod"), confirmed]))} if confirmed else entry
            for entry in super().get_sitemap_urls(request)
        ]

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

    def get_other_stories(self):
        """
        Up to three other live, public stories: those after this one in the site's order (the
        order of the page tree, as editors arrange it in the admin), continuing from the first
        at the end, so each story leads on to different ones. By tree path, which the database
        finds in its index, reading three rows however many stories there are; a second query
        only near the end.
        """
        # Wagtail's `sibling_of` and `live`, the public condition and the path range in one
        # filter: each filter of its own copies the query, and building it costs more than
        # running it (9.7 M -> 8.8 M instructions, docs/performance.md).
        siblings = card_columns(AmbassadorPage.objects.all()).order_by("path")
        public_siblings = Q(unrestricted(), path__startswith=self.path[: -self.steplen], depth=self.depth, live=True)
        others = list(siblings.filter(public_siblings, path__gt=self.path)[:OTHER_STORIES])
        if len(others) < OTHER_STORIES:
            others += siblings.filter(public_siblings, path__lt=self.path)[: OTHER_STORIES - len(others)]
        return others

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        others = self.get_other_stories()
        # One query for the renditions of every image on the page: this story's portrait
        # (header, meta tags, structured data), the cards' and the school's logo or photo (the
        # structured data). Without it each place costs a cache round trip and a write back.
        school = self.published_school
        images = [self.portrait, *(story.portrait for story in others), school and (school.logo or school.photo)]
        prefetch_related_objects(
            [image for image in images if image is not None],
            renditions_prefetch(None, *STORY_PORTRAIT_SPECS, *CARD_IMAGE_SPECS),
        )
        context["other_stories"] = others
        context["structured_data"] = self.get_structured_data(request)
        return context

    class Meta:
        verbose_name = _("ambassadeursverhaal")
        verbose_name_plural = _("ambassadeursverhalen")
        permissions = [("invite_ambassador", "Can invite an ambassador to edit their story")]


# The workflow's own task types (https://docs.wagtail.org/en/stable/extending/custom_tasks.html).
# Wagtail's GroupApprovalTask lets any group member (and any superuser) approve, including the
# person who submitted the change. We do not ("four eyes"), so both approval steps are a
# ReviewGroupApprovalTask. The ambassador's consent is a task of its own, in the style of
# bakerydemo's UserApprovalTask.


def outdated_consent(workflow_state):
    """
    The ambassador's consent in `workflow_state` that a later change has outdated, or None.

    A consent covers the text as it was when it was given (or passed by itself). Any revision
    saved after it by someone other than the ambassador (a moderator's edit in the final step,
    Marketing's edit after a rejection) is text the ambassador has not seen.
    """
    consent = (
        workflow_state.task_states.filter(
            task__in=AmbassadorConsentTask.objects.all(), status=TaskState.STATUS_APPROVED
        )
        .select_related("task")
        .order_by("-finished_at", "-id")
        .first()
    )
    if consent is None:
        return None
    ambassador = consent.task.specific.get_ambassador(workflow_state.content_object)
    later = Revision.objects.for_instance(workflow_state.content_object).filter(created_at__gt=consent.finished_at)
    if ambassador is not None:
        later = later.exclude(user=ambassador)
    return consent if later.exists() else None


# Due dates and reminders (the logic is in ambassadors/review_deadlines.py and reminders.py).
DEFAULT_REVIEW_WORKING_DAYS = 3


def review_working_days_field():
    """Each task's setting behind its steps' due dates, editable in Wagtail's task form."""
    return models.PositiveSmallIntegerField(
        _("termijn in werkdagen"),
        default=DEFAULT_REVIEW_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Zoveel werkdagen (maandag tot en met vrijdag) na de start van deze stap moet hij klaar zijn. "
            "Daarna krijgen de beoordelaars een herinnering en elke werkdag een overzicht."
        ),
    )


class TaskDeadline(models.Model):
    """
    The due date of one task state, fixed when the step starts.

    Stored rather than computed from started_at each time: changing a task's setting later
    must not move the due date of a step already under way (the reviewers were told it), and
    "what is overdue" stays one indexed query for the dashboard and the reminder job.
    """

    task_state = models.OneToOneField(TaskState, on_delete=models.CASCADE, primary_key=True, related_name="deadline")
    due_on = models.DateField(_("uiterlijk op"), db_index=True)

    def __str__(self):
        return f"{self.task_state_id}: {self.due_on}"


class ReviewReminder(models.Model):
    """
    The one reminder email a person got on one day, and which task states it named. The
    unique (user, day) is the claim: of two workers running the job only one inserts it.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("herinnering")
        DIGEST = "digest", _("dagoverzicht")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_reminders")
    day = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    task_states = models.ManyToManyField(TaskState, related_name="review_reminders")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_review_reminder_a_day")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.day} → {self.user_id}"


class ReviewGroupApprovalTask(AbstractGroupApprovalTask):
    """
    A group approval with four eyes: nobody approves a change they authored, superusers
    included, on every step. An author is anyone who saved a revision since the live
    version (also a draft saved before someone else submitted it) or who submitted it.
    """

    review_working_days = review_working_days_field()
    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "review_working_days"]

    def _is_own_change(self, obj, user):
        return is_own_change(obj.current_workflow_state, user)

    # A story goes live only as its ambassador consented to it: a step after the consent
    # never starts, and never approves, on text changed since. The workflow goes back to the
    # ambassador instead, and comes back to this step after their new consent.

    def start(self, workflow_state, user=None):
        consent = outdated_consent(workflow_state)
        if consent is not None:
            return consent.task.specific.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    def _back_to_consent(self, task_state, consent, user):
        task_state.cancel(user=user)
        task_state.workflow_state.update(user=user, next_task=consent.task.specific)

    def get_actions(self, obj, user):
        if not super().get_actions(obj, user):
            return []
        actions = [("reject", _("Wijzigingen vragen"), True)]
        if not self._is_own_change(obj, user):
            if is_last_step(obj.current_workflow_state, self):  # the approval publishes: say so
                approve = (_("Goedkeuren en publiceren"), _("Goedkeuren met opmerking en publiceren"))
            else:
                approve = (_("Goedkeuren"), _("Goedkeuren met opmerking"))
            actions += [("approve", approve[0], False), ("approve", approve[1], True)]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # Checked again here: the editor saves a reviewer's unsaved edits as a new revision
        # just before it performs the action, which makes the change their own.
        if action_name in APPROVE_ACTIONS and self._is_own_change(task_state.revision.content_object, user):
            raise PermissionDenied(_("Je kunt je eigen wijziging niet goedkeuren; een collega moet dat doen."))
        if action_name in APPROVE_ACTIONS:
            consent = outdated_consent(task_state.workflow_state)
            if consent is not None:
                return self._back_to_consent(task_state, consent, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # The dashboard's "awaiting your review" list: leave out the changes the user authored.
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        states = states.exclude(workflow_state__requested_by=user)
        states_with_workflow = states.select_related("workflow_state")
        own = [state.pk for state in states_with_workflow if is_own_change(state.workflow_state, user)]
        return states.exclude(pk__in=own)

    @classmethod
    def get_description(cls):
        return _("Leden van de gekozen groepen keuren goed, maar nooit hun eigen wijziging.")

    class Meta:
        verbose_name = _("groepsgoedkeuring met vier ogen")
        verbose_name_plural = _("groepsgoedkeuringen met vier ogen")


class AmbassadorConsentTask(Task):
    """
    The ambassador approves their story as it will be published: a testimonial needs the
    consent of the person quoted.

    It passes by itself only when the ambassador authored everything that is about to go
    live (every revision since the live version, and the submission) and the account was
    linked to the story before the workflow started; it is skipped for a story without an
    (active) ambassador account. Otherwise only
    the story's own ambassador may approve or reject it, and only they may edit it meanwhile.
    """

    review_working_days = review_working_days_field()
    admin_form_fields = [*Task.admin_form_fields, "review_working_days"]

    def get_ambassador(self, obj):
        return getattr(obj.specific_deferred if hasattr(obj, "specific_deferred") else obj, "ambassador_account", None)

    def _is_ambassador(self, obj, user):
        ambassador = self.get_ambassador(obj)
        return ambassador is not None and user.is_active and ambassador.pk == user.pk

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        ambassador = self.get_ambassador(obj)
        if ambassador is None or not ambassador.is_active:
            return self._finish_on_start(workflow_state, TaskState.STATUS_SKIPPED)
        if revision_authors(workflow_state) == {ambassador.pk} and not linked_since(obj, workflow_state.created_at):
            return self._finish_on_start(workflow_state, TaskState.STATUS_APPROVED)
        return super().start(workflow_state, user=user)

    def _finish_on_start(self, workflow_state, status):
        # Created finished, so nobody is asked: WorkflowState.update() moves on at once.
        task_state = self.get_task_state_class()(
            workflow_state=workflow_state,
            task=self,
            revision=workflow_state.content_object.get_latest_revision(),
            status=status,
            finished_at=timezone.now(),
        )
        task_state.save()
        if status == TaskState.STATUS_APPROVED:
            task_state.log_state_change_action(None, "approve")
            task_approved.send(sender=task_state.specific.__class__, instance=task_state.specific, user=None)
        return task_state

    def user_can_access_editor(self, obj, user):
        return self._is_ambassador(obj, user)

    def locked_for_user(self, obj, user):
        return not self._is_ambassador(obj, user)

    def get_actions(self, obj, user):
        if self._is_ambassador(obj, user):
            return [
                ("reject", _("Niet akkoord, wijzigingen vragen"), True),
                ("approve", _("Akkoord"), False),
                ("approve", _("Akkoord met opmerking"), True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        if not self._is_ambassador(task_state.revision.content_object, user):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        own_story_ids = AmbassadorPage.objects.filter(ambassador_account=user).values_list("pk", flat=True)
        return TaskState.objects.filter(
            task=self,
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__object_id__in=[str(pk) for pk in own_story_ids],
        )

    @classmethod
    def get_description(cls):
        return _("De ambassadeur geeft akkoord op het eigen verhaal zoals het gepubliceerd wordt.")

    class Meta:
        verbose_name = _("akkoord van de ambassadeur")
        verbose_name_plural = _("akkoorden van ambassadeurs")
