"""Test data factories for schools and ambassador stories."""

import factory
import wagtail_factories

# The raw block values, so tests build a story's body where they build the story.
from .block_values import (  # noqa: F401
    image,
    own_question,
    paragraph,
    question_answer,
    quote,
    recurring_question,
    result,
    video,
)
from .choices import SchoolKind
from .models import AmbassadorIndexPage, AmbassadorPage, SchoolIndexPage, SchoolPage


class SchoolIndexPageFactory(wagtail_factories.PageFactory):
    title = "Scholen"
    slug = "scholen"

    class Meta:
        model = SchoolIndexPage


class AmbassadorIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ambassadeurs"
    slug = "ambassadeurs"
    introduction = "Ontmoet de ambassadeurs."

    class Meta:
        model = AmbassadorIndexPage


class SchoolPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Basisschool De Linde {n}")
    kind = SchoolKind.SCHOOL
    place = "Hengelo"
    province = "overijssel"
    educational_concept = "openbaar"
    population = "gemengd"
    pupils_and_parents = "<p>Kinderen uit het hele dorp.</p>"
    characteristics = "<p>Een warme school.</p>"

    class Meta:
        model = SchoolPage


class BoardPageFactory(SchoolPageFactory):
    title = factory.Sequence(lambda n: f"Stichting Openbaar Onderwijs {n}")
    kind = SchoolKind.BOARD
    educational_concept = ""


class AmbassadorPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ambassadeur {n}")
    role = "Directeur"
    school = None  # pass a SchoolPage created under the school index
    quote = "Ouders zijn onze partners."
    introduction = "Directeur van een basisschool die met de Glans-techniek werkt."
    body = factory.LazyFunction(
        lambda: [question_answer("<p>We volgen samen als team de lessen en maken afspraken.</p>")]
    )

    class Meta:
        model = AmbassadorPage
