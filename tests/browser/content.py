"""A small public site for the browser tests: schools, a board, stories with portraits and a video."""

from ambassadors.factories import (
    AmbassadorPageFactory,
    BoardPageFactory,
    SchoolPageFactory,
    question_answer,
    result,
    video,
)
from home.factories import ImageFactory
from home.models import HomePageFeaturedStory

LONG_ANSWER = (
    "<p>We begonnen met een studiedag voor het hele team. Daarna kregen ouders een uitnodiging voor "
    "een koffieochtend, en sindsdien komen ze elke maand. Ze vertellen wat hun kind thuis laat zien, "
    "en wij vertellen wat we op school zien.</p>"
)


def build_public_site(home_page, ambassador_index, school_index):
    """Returns the pages the tests visit by name."""
    home_page.introduction = "<p>De Glans-techniek helpt scholen om ouders echt te betrekken.</p>"
    home_page.cta_title = "Persoonlijk contact met een ambassadeur?"
    home_page.cta_text = "Ons secretariaat brengt je in contact."
    home_page.save_revision().publish()

    board = BoardPageFactory(parent=school_index, title="SOOOG", slug="sooog", place="Oldenzaal", province="overijssel")
    kingschool = SchoolPageFactory(
        parent=school_index,
        title="Kingschool",
        slug="kingschool",
        place="Denekamp",
        province="overijssel",
        educational_concept="dalton",
        population="gemengd",
        board=board,
        photo=ImageFactory(file__width=1200, file__height=600, file__color="#6a8caf"),
    )
    wielerbaan = SchoolPageFactory(
        parent=school_index,
        title="De Wielerbaan",
        slug="de-wielerbaan",
        place="Utrecht",
        province="utrecht",
        educational_concept="montessori",
        population="multicultureel",
    )
    story = AmbassadorPageFactory(
        parent=ambassador_index,
        title="Magda Nijmeijer",
        slug="magda-nijmeijer",
        school=kingschool,
        portrait=ImageFactory(file__width=640, file__height=640, file__color="#c77d4a"),
        quote="Ouders zijn onze partners geworden.",
        introduction="Magda is directeur van de Kingschool in Denekamp.",
        body=[
            question_answer(LONG_ANSWER, question="werkwijze", highlight="Ouders komen elke maand."),
            result("92%", "van de ouders is tevreden"),
            video("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Bekijk de videoreferentie van Magda"),
            question_answer("<p>Meer vertrouwen tussen ouders en leerkrachten.</p>", question="opbrengst"),
        ],
    )
    others = [
        AmbassadorPageFactory(
            parent=ambassador_index,
            title=name,
            slug=slug,
            school=school,
            portrait=ImageFactory(file__width=640, file__height=640, file__color=colour),
        )
        for name, slug, school, colour in [
            ("Femmy Sassen", "femmy-sassen", wielerbaan, "#5d9b6b"),
            ("Hans Rendering", "hans-rendering", board, "#8a6fb0"),
            ("Ine Koenders", "ine-koenders", kingschool, "#b05a6f"),
        ]
    ]
    for position, featured in enumerate([story, *others[:2]]):
        HomePageFeaturedStory.objects.create(page=home_page, story=featured, sort_order=position)
    return {"home": home_page, "overview": ambassador_index, "story": story, "school": kingschool, "board": board}
