"""Test data factories for schools and ambassador stories."""

import factory
import wagtail_factories

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


def question_answer(answer, question="werkwijze", own_question="", highlight=""):
    """A raw QuestionAnswerBlock value for a story body."""
    return {
        "type": "question_answer",
        "value": {
            "recurring_question": question if not own_question else "",
            "own_question": own_question,
            "answer": answer,
            "highlight": highlight,
        },
    }


def video(url, caption="Bekijk de videoreferentie"):
    return {"type": "video", "value": {"video": url, "caption": caption, "poster": None}}


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
