"""Workflow emails: the right people, at each step, with the comment and what changed."""

import pytest
from django.utils import formats, timezone

from ambassadors.review_deadlines import add_working_days
from tests.support.workflow import NEW_ANSWER, save_draft, submit, workflow_action


def sent_to(mailoutbox, address):
    return [message for message in mailoutbox if message.to == [address]]


def subjects(mailoutbox):
    return sorted((message.to[0], message.subject.split("] ", 1)[1]) for message in mailoutbox)


@pytest.mark.django_db
def test_each_step_tells_the_right_people(client, anje, anje_story, marketing, marketing2, moderator, mailoutbox):
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    # Wagtail's own workflow emails are replaced, not sent as well: one email per person.
    assert subjects(mailoutbox) == [
        ("anje@example.nl", "Ingediend: Anje Bechtel"),
        ("marketing2@example.nl", "Wacht op jouw beoordeling: Anje Bechtel (Redactie)"),
        ("marketing@example.nl", "Wacht op jouw beoordeling: Anje Bechtel (Redactie)"),
    ]
    review_request = sent_to(mailoutbox, "marketing@example.nl")[0]
    # What changed, in plain words with who changed it (tests/test_change_summary.py), and a link into the admin.
    question = "„Hoe werken jullie met de Glans-techniek in de school?”"
    assert (
        f"Verhaal, blok 1: Vraag en antwoord {question} › Antwoord: gewijzigd door Anje Bechtel" in review_request.body
    )
    assert NEW_ANSWER in review_request.body
    assert f"http://testserver/admin/pages/{anje_story.pk}/edit/" in review_request.body

    mailoutbox.clear()
    client.force_login(marketing)
    workflow_action(client, anje_story, "approve", comment="Goed geschreven, één typfout verbeterd.")
    # Anje hears that Redactie passed (with the comment: wagtail#7542) and that her own
    # consent passed by itself; the moderator is asked to review.
    assert subjects(mailoutbox) == [
        ("anje@example.nl", "Stap goedgekeurd: Anje Bechtel (Akkoord ambassadeur)"),
        ("anje@example.nl", "Stap goedgekeurd: Anje Bechtel (Redactie)"),
        ("moderator@example.nl", "Wacht op jouw beoordeling: Anje Bechtel (Goedkeuring Klaver CT)"),
    ]
    redactie = next(m for m in mailoutbox if m.subject.endswith("(Redactie)"))
    assert "Goed geschreven, één typfout verbeterd." in redactie.body

    mailoutbox.clear()
    client.force_login(moderator)
    workflow_action(client, anje_story, "approve", comment="Akkoord, mooi verhaal.")
    assert subjects(mailoutbox) == [("anje@example.nl", "Gepubliceerd: Anje Bechtel")]
    published = mailoutbox[0]
    assert "Akkoord, mooi verhaal." in published.body
    assert NEW_ANSWER in published.body  # what changed compared with the version before
    assert "Beste Anje," in published.body


@pytest.mark.django_db
def test_a_later_rejection_reaches_earlier_approvers_and_the_ambassador(
    client, anje, anje_story, marketing, marketing2, moderator, mailoutbox
):
    submit(client, marketing, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing2)
    workflow_action(client, anje_story, "approve")
    # Someone else changed Anje's story: she is asked for her consent.
    consent_request = [m for m in mailoutbox if m.subject.endswith("(Akkoord ambassadeur)")]
    assert [m.to for m in consent_request] == [["anje@example.nl"]]
    client.force_login(anje)
    workflow_action(client, anje_story, "approve")

    mailoutbox.clear()
    client.force_login(moderator)
    workflow_action(client, anje_story, "reject", comment="De kernzin klopt niet met het verhaal.")
    # The submitter, the ambassador, and those who approved earlier steps (wagtail#10196).
    assert subjects(mailoutbox) == [
        ("anje@example.nl", "Wijzigingen gevraagd: Anje Bechtel"),
        ("marketing2@example.nl", "Wijzigingen gevraagd: Anje Bechtel"),
        ("marketing@example.nl", "Wijzigingen gevraagd: Anje Bechtel"),
    ]
    for message in mailoutbox:
        assert "De kernzin klopt niet met het verhaal." in message.body
        assert "Goedkeuring Klaver CT" in message.body


@pytest.mark.django_db
def test_the_ambassadors_rejection_reaches_the_submitter_with_the_comment(
    client, anje, anje_story, marketing, marketing2, mailoutbox
):
    submit(client, marketing, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing2)
    workflow_action(client, anje_story, "approve")
    mailoutbox.clear()
    client.force_login(anje)
    workflow_action(client, anje_story, "reject", comment="Dit heb ik zo niet gezegd.")
    assert subjects(mailoutbox) == [
        ("marketing2@example.nl", "Wijzigingen gevraagd: Anje Bechtel"),
        ("marketing@example.nl", "Wijzigingen gevraagd: Anje Bechtel"),
    ]
    assert all("Dit heb ik zo niet gezegd." in message.body for message in mailoutbox)


@pytest.mark.django_db
def test_nobody_is_asked_to_review_a_change_they_authored(client, anje, anje_story, marketing, marketing2, mailoutbox):

    save_draft(client, marketing, anje_story, "Door de redactie voorbereid.")
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    assert sent_to(mailoutbox, "marketing2@example.nl")
    assert not sent_to(mailoutbox, "marketing@example.nl")


@pytest.mark.django_db
def test_the_review_request_says_by_when(client, anje, anje_story, marketing, mailoutbox):
    """The step's due date (ambassadors/review_deadlines.py) is in the email that asks for it."""
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")

    due_on = add_working_days(timezone.localdate(), 3)  # the default "termijn in werkdagen"
    review_request = sent_to(mailoutbox, "marketing@example.nl")[0]
    assert f"graag uiterlijk {formats.date_format(due_on, 'l j F')}." in review_request.body
