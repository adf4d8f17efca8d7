"""
The change summary reviewers read in the workflow emails (ambassadors/changes.py): only what
a reader would see change, the changed words with a little context, blocks added, removed
and moved by name, and who changed what. Every edit goes through the admin's edit view, as
the editor posts it, so the editor's own way of storing untouched blocks is part of the test.
"""

import re

import pytest
from django.template.loader import render_to_string
from wagtail.models import Page

from ambassadors.changes import summarise_revision
from ambassadors.factories import AmbassadorPageFactory, paragraph, question_answer, quote, result
from ambassadors.models import AmbassadorPage
from core.models import OutboxMessage
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url, publish_story
from tests.support.workflow import workflow_action

pytestmark = pytest.mark.django_db

# About 600 characters, with the word Marketing edits deep inside it.
LONG_ANSWER = (
    "Toen we vier jaar geleden begonnen, kwamen er op een ouderavond hooguit tien ouders. Samen met het team "
    "hebben we de lessen van de Glans-techniek gevolgd en afspraken gemaakt over hoe we ouders aanspreken: "
    "bij het hek, in de klas en aan de telefoon. Elke leerkracht belt in de eerste weken van het schooljaar "
    "alle ouders van de eigen groep. Dat kost tijd, maar het levert veel op. Ouders weten nu wie ze kunnen "
    "bellen en ze komen vaker langs. Ons doel voor dit jaar is om ook de ouders die nog niet komen te halen "
    "met een informele inloop op vrijdagochtend, met koffie en de kinderen erbij. Zo bouwen we verder."
)
LINKS_AND_LISTS = (
    '<p>Lees eerst de <a href="https://glans-techniek.nl/handleiding">handleiding</a>.</p>'
    "<ul><li>Bel alle ouders</li><li>Houd een inloop</li></ul>"
)


@pytest.fixture
def story(ambassador_index, school, anje):
    page = AmbassadorPageFactory(
        parent=ambassador_index,
        title="Anje Bechtel",
        slug="anje-bechtel",
        school=school,
        ambassador_account=anje,
        body=[
            question_answer(f"<p>{LONG_ANSWER}</p><p>Ouders zijn welkom.</p>", question="werkwijze"),
            quote("Ouders zijn onze partners.", "Anje Bechtel", "Directeur"),
            paragraph(LINKS_AND_LISTS),
        ],
    )
    return publish_story(page)


def draft_blocks(page):
    """The story's blocks as the editor holds them: raw values with their ids."""
    return [dict(raw) for raw in Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().body.raw_data]


def edit(client, user, page, change=None, action=None, **fields):
    """`user` edits the story in the admin's editor: `change(blocks)` returns the new blocks."""
    blocks = draft_blocks(page)
    body = change(blocks) if change else blocks
    client.force_login(user)
    response = client.post(edit_url(page), editor_form_data(page, action=action, body=body, **fields))
    assert response.status_code == 302, response.content.decode()[:2000]


def with_value(raw, **values):
    return {**raw, "value": {**raw["value"], **values}}


def latest_summary(page, viewer=None):
    revision = AmbassadorPage.objects.get(pk=page.pk).get_latest_revision()
    return summarise_revision(revision).named_for(viewer)


def as_text(summary):
    return render_to_string("ambassadors/includes/change_summary.txt", {"summary": summary})


def as_html(summary):
    return render_to_string("ambassadors/includes/change_summary.html", {"summary": summary})


def email_to(mailoutbox, address):
    (message,) = [message for message in mailoutbox if message.to == [address]]
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return message.body, html


def test_blocks_the_editor_stores_again_untouched_are_not_reported(client, story, anje, marketing, mailoutbox):
    # Anje changes only the quote; the editor posts (and stores anew) every block.
    edit(
        client,
        anje,
        story,
        lambda blocks: [blocks[0], with_value(blocks[1], quote="Doen!"), blocks[2]],
        "action-submit",
    )

    summary = latest_summary(story)
    assert [(item.kind, item.label) for item in summary.items] == [("changed", "Verhaal, blok 2: Citaat › Citaat")]
    body, html = email_to(mailoutbox, "marketing@example.nl")
    assert "[-Ouders zijn onze partners.-] {+Doen!+}" in body
    for untouched in ("Vraag en antwoord", "Tekst", "handleiding"):
        assert untouched not in body
        assert untouched not in html


def test_a_resave_without_changes_reports_nothing(client, story, anje):
    edit(client, anje, story)
    assert latest_summary(story).items == []
    assert "Geen verschillen met de gepubliceerde versie." in as_text(latest_summary(story))


def test_one_word_deep_in_a_long_answer_is_shown_in_context_in_both_emails(
    client, story, anje, marketing, marketing2, moderator, mailoutbox
):
    edit(client, anje, story, action="action-submit")
    mailoutbox.clear()
    # Marketing edits one word of the 600-character answer during review; a colleague approves.
    edited = LONG_ANSWER.replace("te halen", "te bereiken")
    edit(
        client,
        marketing,
        story,
        lambda blocks: [with_value(blocks[0], answer=f"<p>{edited}</p><p>Ouders zijn welkom.</p>"), *blocks[1:]],
    )
    client.force_login(marketing2)
    workflow_action(client, story, "approve")
    client.force_login(anje)
    workflow_action(client, story, "approve")  # her consent: someone else changed her story

    body, html = email_to(mailoutbox, "moderator@example.nl")
    (line,) = [line for line in body.splitlines() if "[-halen-]" in line]
    # The change whole, with the words before and after it, and the rest elided.
    assert re.search(r"… (\S+ ){3,}\[-halen-\] \{\+bereiken\+\} (\S+ ){3,}", line), line
    assert "nog niet komen te [-halen-] {+bereiken+} met een informele inloop" in line
    assert len(line) < 160
    assert "Toen we vier jaar geleden" not in body
    assert (
        "Verhaal, blok 1: Vraag en antwoord „Hoe werken jullie met de Glans-techniek in de school?” › Antwoord" in body
    )
    assert re.search(r"te\s*<del[^>]*>halen</del>\s*<ins[^>]*>bereiken</ins>\s*met", html)
    assert "Toen we vier jaar geleden" not in html


def test_reordered_blocks_are_named_as_moved(client, story, anje):
    edit(client, anje, story, lambda blocks: [blocks[2], blocks[0], blocks[1]])

    items = latest_summary(story).items
    assert [(item.kind, item.label, item.detail) for item in items] == [
        ("moved", "Verhaal, blok 1: Tekst", "van plaats 3 naar 1"),
    ]
    assert "Verhaal, blok 1: Tekst: verplaatst (van plaats 3 naar 1)" in as_text(latest_summary(story))


def test_added_and_removed_blocks_are_named_with_their_text(client, story, anje):
    edit(client, anje, story, lambda blocks: [blocks[0], blocks[2], result("80%", "van de ouders is tevreden")])

    text = as_text(latest_summary(story))
    assert "- Verhaal, blok 3: Resultaat: toegevoegd" in text
    assert "{+Resultaat: 80% ¶ Toelichting: van de ouders is tevreden+}" in text
    assert "- Verhaal, blok 2: Citaat: verwijderd" in text
    assert "[-Citaat: Ouders zijn onze partners. ¶ Naam: Anje Bechtel ¶ Functie: Directeur-]" in text
    # The paragraph that moved up one place because the quote went is not "moved".
    assert [item.kind for item in latest_summary(story).items] == ["added", "removed"]


def test_each_author_is_credited_for_their_own_change(client, story, anje, marketing, moderator):
    edit(client, anje, story, lambda blocks: [with_value(blocks[0], highlight="Ouders komen nu vaker."), *blocks[1:]])
    edit(client, anje, story, action="action-submit")
    edit(
        client,
        marketing,
        story,
        lambda blocks: [blocks[0], with_value(blocks[1], role="Directeur-bestuurder"), blocks[2]],
    )

    items = {item.label: item for item in latest_summary(story, viewer=moderator).items}
    highlight = items[
        "Verhaal, blok 1: Vraag en antwoord „Hoe werken jullie met de Glans-techniek in de school?” › Uitgelichte zin"
    ]
    role = items["Verhaal, blok 2: Citaat › Functie"]
    assert highlight.author_names == ["Anje Bechtel"]
    assert role.author_names == ["Marketing"]
    text = as_text(latest_summary(story, viewer=moderator))
    assert "› Uitgelichte zin: gewijzigd door Anje Bechtel" in text
    assert "› Functie: gewijzigd door Marketing" in text
    # The ambassador reads staff as "Klaver CT", as everywhere in the admin she sees.
    assert "› Functie: gewijzigd door Klaver CT" in as_text(latest_summary(story, viewer=anje))


def test_rich_text_is_compared_as_read_links_and_list_items_included(client, story, anje):
    edited = (
        '<p>Lees eerst de <a href="https://glans-techniek.nl/starten">handleiding</a>.</p>'
        "<ul><li>Bel alle ouders</li><li>Houd een inloop</li><li>Vier successen</li></ul>"
    )
    edit(client, anje, story, lambda blocks: [*blocks[:2], {**blocks[2], "value": edited}])

    summary = latest_summary(story)
    (item,) = summary.items
    assert item.label == "Verhaal, blok 3: Tekst"
    text = as_text(summary)
    assert "[-(https://glans-techniek.nl/handleiding).-] {+(https://glans-techniek.nl/starten).+}" in text
    assert "- Houd een inloop {+¶ - Vier successen+}" in text
    html = as_html(summary)
    assert "<a " not in html and "data-block-key" not in html and "<li" not in html.split("change-summary__diff")[1]
    assert "Houd een inloop <ins" in html and "<br>- Vier successen</ins>" in html


def test_the_fixed_question_shows_as_its_text_never_its_key(client, story, anje, marketing, mailoutbox):
    edit(
        client,
        anje,
        story,
        lambda blocks: [with_value(blocks[0], recurring_question="opbrengst"), *blocks[1:]],
        "action-submit",
    )

    body, html = email_to(mailoutbox, "marketing@example.nl")
    assert "Vraag en antwoord „Wat heeft de Glans-techniek jullie opgeleverd?” › Vraag: gewijzigd" in body
    assert "[-Hoe werken jullie met-] {+Wat heeft+} de Glans-techniek [-in de school?-] {+jullie opgeleverd?+}" in body
    for key in ("werkwijze", "opbrengst"):
        assert key not in body
        assert key not in html


def test_the_outbox_stores_both_parts_with_the_summary(client, story, anje, marketing, queued_tasks):
    edit(
        client,
        anje,
        story,
        lambda blocks: [blocks[0], with_value(blocks[1], quote="Doen!"), blocks[2]],
        "action-submit",
    )

    stored = OutboxMessage.objects.get(to=["marketing@example.nl"])
    assert "[-Ouders zijn onze partners.-] {+Doen!+}" in stored.body
    assert re.search(r"<del[^>]*>Ouders zijn onze partners\.</del>\s*<ins[^>]*>Doen!</ins>", stored.html)
