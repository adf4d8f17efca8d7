"""
The admin's compare view ("Vergelijken"), which a reviewer opens from the revisions or the
workflow history, shows the story's blocks as a reader sees them (core/block_comparison.py):
the fixed question's text, never its key; the answer's paragraphs apart; the changed words.
"""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from ambassadors.factories import AmbassadorPageFactory, paragraph, question_answer
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url, publish_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(ambassador_index, school, anje):
    page = AmbassadorPageFactory(
        parent=ambassador_index,
        title="Anje Bechtel",
        slug="anje-bechtel",
        school=school,
        ambassador_account=anje,
        body=[
            question_answer("<p>We volgen samen de lessen.</p><p>Ouders halen hun kind op.</p>", question="werkwijze"),
            paragraph("<p>Eerste alinea.</p><ul><li>Bel de ouders</li></ul>"),
        ],
    )
    return publish_story(page)


def compare_html(client, user, page):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", "latest"]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_compare_view_shows_the_question_text_paragraphs_and_the_changed_word(client, story, anje, moderator):
    blocks = [dict(raw) for raw in Page.objects.get(pk=story.pk).specific.body.raw_data]
    blocks[0] = {
        **blocks[0],
        "value": {
            **blocks[0]["value"],
            "recurring_question": "opbrengst",
            "answer": "<p>We volgen samen de lessen.</p><p>Ouders brengen hun kind op.</p>",
        },
    }
    client.force_login(anje)
    assert client.post(edit_url(story), editor_form_data(story, body=blocks)).status_code == 302

    html = compare_html(client, moderator, story)
    assert "werkwijze" not in html and "opbrengst" not in html
    # The question changed from one fixed question to another: their texts, word by word.
    assert (
        '<span class="deletion">Hoe werken jullie met</span> <span class="addition">Wat heeft</span> de Glans-techniek'
        in html
    )
    # The two paragraphs of the answer stay apart, and only the changed words are marked.
    assert re.search(r"We volgen samen de lessen\.<br>\s*Ouders", html)
    assert '<span class="deletion">halen</span> <span class="addition">brengen</span> hun kind op.' in html
    # The untouched paragraph block is shown as read, with its list item on a line of its own.
    assert "Eerste alinea.<br>- Bel de ouders" in html
    assert "data-block-key" not in html


def test_an_editor_resave_is_no_change_in_the_compare_view(client, story, anje, moderator):
    client.force_login(anje)
    assert client.post(edit_url(story), editor_form_data(story)).status_code == 302

    html = compare_html(client, moderator, story)
    # The editor stored the story's blocks again in its own form: no row for the story's body.
    assert "comparison__child-object" not in html
    assert "We volgen samen de lessen." not in html
