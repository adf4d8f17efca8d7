"""
`manage.py load_fake_data --stories 200 --seed 1`: bulk schools and stories for benchmarks.

Builds on the demo site (it runs load_demo_content first when there is no home page), then
adds generated schools and published stories until the overview lists `--stories` stories.
The same seed gives the same data. Not for production databases: the pages are fiction.

Fast enough for `BENCH_STORIES=1000 make bench`: saving a revision and publishing each page
through Wagtail (which logs, saves the page twice more and sends signals each time) took
minutes for 1000 stories. The pages are saved once, live; their revisions (one each, the latest
and the live one: what publishing a new page leaves) and their search index entries are
written in bulk, so the site is searchable without a worker.
"""

import random

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backends

from ambassadors.block_values import own_question, quote, recurring_question, result
from ambassadors.choices import EducationalConcept, Population, Province, SchoolKind
from ambassadors.models import AmbassadorIndexPage, AmbassadorPage, SchoolIndexPage, SchoolPage
from demo.images import get_or_create_portrait
from home.models import HomePage

FIRST_NAMES = ["Anne", "Bram", "Carla", "Daan", "Eva", "Frank", "Gerda", "Hans", "Iris", "Joost", "Karin", "Lars"]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks"]
PLACES = ["Denekamp", "Enschede", "Hengelo", "Almelo", "Oldenzaal", "Zwolle", "Deventer", "Apeldoorn", "Utrecht"]
SCHOOL_WORDS = ["De Linde", "Het Kompas", "De Regenboog", "De Wegwijzer", "Het Palet", "De Klimop", "De Vlinder"]
ROLES = ["Directeur", "Clusterdirecteur", "Adjunct-directeur", "Intern begeleider"]
STORIES_PER_SCHOOL = 4
# Portraits are drawn once per distinct name and shared by stories with that name.
PORTRAIT_COUNT = 24


class Command(BaseCommand):
    help = "Add generated schools and published stories until the overview lists --stories stories."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=200, help="Stories the overview should list.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same data.")

    def handle(self, *args, stories, seed, **options):
        if not HomePage.objects.exists():
            call_command("load_demo_content", verbosity=0)
            # Without a worker the demo pages' index tasks would wait in the queue.
            call_command("update_index", verbosity=0)
        self.random = random.Random(seed)  # noqa: S311 - fiction, not security
        self.now = timezone.now()
        ambassador_index = AmbassadorIndexPage.objects.get()
        school_index = SchoolIndexPage.objects.get()
        existing = ambassador_index.get_stories().count()
        missing = max(stories - existing, 0)
        with transaction.atomic():
            portraits = self.portraits()
            schools = self.schools(school_index, -(-missing // STORIES_PER_SCHOOL))
            stories = [
                self.story(ambassador_index, schools[number // STORIES_PER_SCHOOL], portraits, existing + number)
                for number in range(missing)
            ]
            new_schools = [school for school in schools if school.live_revision_id is None]
            self.add_published_revisions([*new_schools, *stories])
            for backend in get_search_backends():
                backend.add_bulk(SchoolPage, new_schools)
                backend.add_bulk(AmbassadorPage, stories)
        self.stdout.write(f"The overview lists {ambassador_index.get_stories().count()} stories (added {missing}).")

    def add_live(self, parent, page):
        """`page` under `parent`, live from now on (its revision comes with the others')."""
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = page.latest_revision_created_at = self.now
        parent.add_child(instance=page)
        return page

    def add_published_revisions(self, pages):
        """One revision per page, its latest and live one: what publishing a new page leaves."""
        revisions = Revision.objects.bulk_create(
            Revision(
                content_object=page,
                base_content_type=page.get_base_content_type(),
                content=page.serializable_data(),
                object_str=str(page),
                created_at=self.now,
            )
            for page in pages
        )
        Page.objects.bulk_update(
            [
                Page(pk=page.pk, latest_revision=revision, live_revision=revision)
                for page, revision in zip(pages, revisions, strict=True)
            ],
            ["latest_revision", "live_revision"],
            batch_size=500,
        )

    def portraits(self):
        names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        chosen = self.random.sample(names, PORTRAIT_COUNT)
        return [get_or_create_portrait(name, slugify(name))[0] for name in chosen]

    def schools(self, school_index, count):
        schools = []
        for number in range(count):
            name = f"{self.random.choice(['OBS', 'CBS', 'Basisschool'])} {self.random.choice(SCHOOL_WORDS)}"
            school = SchoolPage(
                title=f"{name} {number + 1}",
                slug=f"generated-school-{number + 1}",
                kind=SchoolKind.SCHOOL,
                place=self.random.choice(PLACES),
                province=self.random.choice(Province.values),
                educational_concept=self.random.choice(EducationalConcept.values),
                population=self.random.choice(Population.values),
                pupils_and_parents="<p>Kinderen uit de wijk en de dorpen eromheen.</p>",
                characteristics="<p>Een school waar ouders meedoen.</p>",
            )
            existing = SchoolPage.objects.filter(slug=school.slug).first()
            if existing:
                schools.append(existing)
                continue
            schools.append(self.add_live(school_index, school))
        return schools

    def story(self, ambassador_index, school, portraits, number):
        portrait = self.random.choice(portraits)
        name = portrait.title.removeprefix("Portret ").removesuffix(" (demo)")
        # No video block: the benchmark must not ask a video provider for anything.
        body = [
            recurring_question("werkwijze", "<p>We volgen als team de lessen en maken samen afspraken met ouders.</p>"),
            own_question("Wat merken de kinderen?", "<p>Ouders vragen vaker door over wat hun kind leert.</p>"),
            quote("Ouders zijn onze partners.", name, "Directeur"),
            result("85%", "van de ouders komt naar het startgesprek"),
        ]
        story = AmbassadorPage(
            title=f"{name} ({number + 1})",
            slug=f"generated-story-{number + 1}",
            role=self.random.choice(ROLES),
            school=school,
            portrait=portrait,
            quote=self.random.choice(["Ouders zijn onze partners.", "Samen zien we meer.", "Betrokkenheid loont."]),
            introduction="Directeur van een basisschool die met de Glans-techniek werkt.",
            body=body,
        )
        return self.add_live(ambassador_index, story)
