"""
XSS payloads in every field of a story an ambassador can edit: posted through the admin's
edit view by the ambassador, approved and published through the workflow, then read back
from the public page (text, attributes, meta tags, JSON-LD) and the workflow emails.

Each field is a test case of its own, so a field that lets markup through fails by name.
"""

import json
from html import escape
from html.parser import HTMLParser

import pytest

from ambassadors.access import story_collection, story_group_for_user
from ambassadors.factories import image as image_block
from ambassadors.factories import paragraph, question_answer, quote, result, video
from ambassadors.models import AmbassadorPage
from home.factories import ImageFactory
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url
from tests.support.workflow import current_step, workflow_action

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
SHORT = "<img/src/onerror=a>"  # fits a 20-character field
PAYLOAD = f"X{SCRIPT}{ATTRIBUTE}'"
JAVASCRIPT_URL = "javascript:alert(1)"

# (where it goes, the field, the payload)
MARKETING_FIELDS = {"seo_title", "search_description"}
FIELDS = [
    ("page", "title", PAYLOAD),
    ("page", "role", PAYLOAD),
    ("page", "quote", PAYLOAD),
    ("page", "introduction", PAYLOAD),
    ("page", "seo_title", PAYLOAD),
    ("page", "search_description", PAYLOAD),
    ("question_answer", "own_question", PAYLOAD),
    ("question_answer", "answer", PAYLOAD),
    ("question_answer", "answer_link", JAVASCRIPT_URL),
    ("question_answer", "highlight", PAYLOAD),
    ("video", "caption", PAYLOAD),
    ("quote", "quote", PAYLOAD),
    ("quote", "attribution", PAYLOAD),
    ("quote", "role", PAYLOAD),
    ("result", "figure", SHORT),
    ("result", "description", PAYLOAD),
    ("image", "alt_text", PAYLOAD),
    ("image", "caption", PAYLOAD),
    ("paragraph", "paragraph", PAYLOAD),
]


def story_body(block, field, payload, image):
    """Every block type of a story, with `payload` in one field and harmless text elsewhere."""

    def value(block_type, name, default):
        return payload if (block_type, name) == (block, field) else default

    answer_text = value("question_answer", "answer", "Samen met ouders.")
    if (block, field) == ("question_answer", "answer_link"):
        answer_html = f'<p>Zie <a href="{payload}">deze pagina</a>.</p>'
    else:
        answer_html = f"<p>{escape(answer_text, quote=False)}</p>"
    paragraph_text = value("paragraph", "paragraph", "Een vrije alinea.")
    return [
        question_answer(
            answer_html,
            question="",
            own_question=value("question_answer", "own_question", "Hoe begon het?"),
            highlight=value("question_answer", "highlight", "Ouders voelen zich gehoord."),
        ),
        video("https://www.youtube.com/watch?v=dQw4w9WgXcQ", value("video", "caption", "Bekijk de video")),
        quote(
            value("quote", "quote", "Doen!"), value("quote", "attribution", "Anje"), value("quote", "role", "Directeur")
        ),
        result(value("result", "figure", "80%"), value("result", "description", "van de ouders is tevreden")),
        image_block(image.pk, value("image", "alt_text", "Het schoolplein"), value("image", "caption", "Ons plein")),
        paragraph(f"<p>{escape(paragraph_text, quote=False)}</p>"),
    ]


def story_form(story, block, field, payload, image):
    fields = {
        "title": "Anje Bechtel",
        "role": "Directeur",
        "portrait": image.pk,
        "quote": "Ouders zijn partners.",
        "introduction": "Directeur van een basisschool.",
        "seo_title": "",
        "search_description": "",
    }
    if block == "page":
        fields[field] = payload
    body = story_body(block, field, payload, image)
    return editor_form_data(story, action="action-submit", body=body, **fields)


class PageParser(HTMLParser):
    """What a browser would build from the HTML: elements, their attributes, scripts and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.scripts, self.text = [], [], []
        self._script = None

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = {"attrs": dict(attrs), "content": ""}

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["content"] += data
        else:
            self.text.append(data)

    def meta(self, key):
        for tag, attrs in self.elements:
            if tag == "meta" and key in (attrs.get("property"), attrs.get("name")):
                return attrs.get("content")
        return None


def parse(html):
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def assert_nothing_executable(parser):
    for tag, attrs in parser.elements:
        handlers = [name for name in attrs if name.startswith("on")]
        assert not handlers, (tag, attrs)
        for name in ("href", "src", "action", "formaction", "data-video-player"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)
        assert not (tag == "img" and attrs.get("src") == "x"), attrs
    for script in parser.scripts:
        assert "alert" not in script["content"] or script["attrs"].get("type") == "application/ld+json", script


@pytest.fixture
def image(anje, anje_story):
    # In Anje's own collection: she may attach only images from there (core/image_choice.py).
    collection = story_collection(anje_story, story_group_for_user(anje).get())
    return ImageFactory(title="Schoolplein", collection=collection)


@pytest.mark.parametrize(
    ("block", "field", "payload"), [pytest.param(*case, id=f"{case[0]}-{case[1]}") for case in FIELDS]
)
def test_payload_stays_escaped_on_the_page_and_in_emails(
    client, anje, anje_story, marketing, marketing2, moderator, image, mailoutbox, block, field, payload
):
    # The search-engine fields are Marketing's (an ambassador's form leaves them out): Marketing
    # writes those, a colleague approves (four eyes) and the ambassador consents.
    author, editor = (marketing, marketing2) if field in MARKETING_FIELDS else (anje, marketing)
    client.force_login(author)
    response = client.post(edit_url(anje_story), story_form(anje_story, block, field, payload, image))
    assert response.status_code == 302, response.content.decode()[:3000]
    client.force_login(editor)
    assert workflow_action(client, anje_story, "approve").status_code == 302
    if current_step(anje_story) == "Akkoord ambassadeur":
        client.force_login(anje)
        assert workflow_action(client, anje_story, "approve").status_code == 302
    client.force_login(moderator)
    assert workflow_action(client, anje_story, "approve").status_code == 302
    story = AmbassadorPage.objects.get(pk=anje_story.pk)
    assert story.live_revision.pk == story.get_latest_revision().pk, "published through the workflow"

    client.logout()
    html = client.get(story.url).content.decode()
    page = parse(html)
    assert_nothing_executable(page)
    assert SCRIPT not in html
    assert ATTRIBUTE not in html
    assert SHORT not in html

    # The ambassador's text is shown as text (or kept whole inside an attribute).
    visible = "".join(page.text)
    attribute_values = [value for _tag, attrs in page.elements for value in attrs.values() if value]
    if field == "answer_link":
        assert "Zie deze pagina." in visible  # the text stays, the javascript: link does not
    else:
        assert payload in visible or payload in attribute_values
    if field == "alt_text":
        assert any(tag == "img" and attrs.get("alt") == payload for tag, attrs in page.elements)

    # Meta and Open Graph tags hold the text whole, inside their attribute.
    if field in ("title", "seo_title"):
        assert page.meta("og:title") == payload
        assert page.meta("twitter:title") == payload
    if field in ("introduction", "search_description"):
        assert page.meta("description") == payload
        assert page.meta("og:description") == payload

    # JSON-LD: valid JSON that cannot close its <script> element.
    (structured,) = [script for script in page.scripts if script["attrs"].get("type") == "application/ld+json"]
    assert "<" not in structured["content"]
    data = json.loads(structured["content"])
    person = data["@graph"][0]
    if field == "title":
        assert person["name"] == payload
    if field == "role" and block == "page":
        assert person["jobTitle"] == payload

    # The workflow emails: in the plain-text part rich text reaches them as text, without its
    # markup, and what the ambassador typed is shown as typed (reviewers see the payload itself,
    # not a mangled version of it); in the HTML part it is text too, escaped, never markup.
    assert mailoutbox
    if field != "answer_link":
        assert any(payload in message.body for message in mailoutbox)
    for message in mailoutbox:
        assert "<a " not in message.body
        assert "href=" not in message.body
        assert "\n" not in message.subject
        (email_html, mimetype) = message.alternatives[0]
        assert mimetype == "text/html"
        email = parse(email_html)
        assert_nothing_executable(email)
        assert SCRIPT not in email_html and ATTRIBUTE not in email_html and SHORT not in email_html
    if field != "answer_link":
        assert any(payload in "".join(parse(message.alternatives[0][0]).text) for message in mailoutbox)


def test_rich_text_reaches_the_meta_description_as_text_escaped_once(client, school_index):
    from ambassadors.factories import SchoolPageFactory

    school = SchoolPageFactory(
        parent=school_index,
        slug="de-wielerbaan",
        characteristics="<p>Ouders &amp; kinderen: &lt;samen&gt; <b>sterk</b>.</p>",
    )
    school.save_revision().publish()
    html = client.get("/scholen/de-wielerbaan/").content.decode()
    # Entities are decoded once and escaped once: no "&amp;amp;" for the reader to see.
    assert parse(html).meta("description") == "Ouders & kinderen: <samen> sterk."
    assert 'content="Ouders &amp; kinderen: &lt;samen&gt; sterk."' in html
