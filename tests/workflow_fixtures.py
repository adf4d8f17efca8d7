"""
Fixtures and helpers for the editorial workflow tests: users in the roles the data migration
creates, two stories with their own ambassadors, and real admin form posts.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory, question_answer
from ambassadors.models import AmbassadorPage

PASSWORD = "Glans-w8woord!"


def make_user(username, *group_names, **fields):
    fields.setdefault("email", f"{username}@example.nl")
    fields.setdefault("first_name", username.capitalize())
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


def publish_story(page):
    """Publish as setup does (the model API), so the test starts from a live story with a revision."""
    page.save_revision().publish()
    return AmbassadorPage.objects.get(pk=page.pk)


def story_form_data(page, answer=None, action=None, **overrides):
    """The edit form of a story as the admin posts it, from the page's newest draft."""
    draft = page.get_latest_revision_as_object()
    body = {}
    for index, block in enumerate(draft.body):
        raw = block.block.get_prep_value(block.value)
        value = raw  # other block types are posted as stored; the stories here hold answers
        if block.block_type == "question_answer":
            answer_html = answer if (answer is not None and index == 0) else raw["answer"]
            value = {
                "recurring_question": raw.get("recurring_question", ""),
                "own_question": raw.get("own_question", ""),
                "answer": rich_text(answer_html),
                "highlight": raw.get("highlight", ""),
            }
        body[str(index)] = {"type": block.block_type, "value": value, "deleted": "", "order": str(index)}
        body[str(index)]["id"] = block.id
    body["count"] = str(len(draft.body))
    data = {
        "title": draft.title,
        "slug": draft.slug,
        "role": draft.role,
        "school": draft.school_id or "",
        "portrait": draft.portrait_id or "",
        "quote": draft.quote,
        "introduction": draft.introduction,
        "body": body,
        "seo_title": draft.seo_title,
        "search_description": draft.search_description,
        # Only in the form of staff who may invite; an ambassador's form leaves it out.
        "ambassador_account": draft.ambassador_account_id or "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    form = nested_form_data(data)
    if action:
        form[action] = "1"
    return form


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.fixture
def school(school_index):
    return SchoolPageFactory(parent=school_index, title="Kingschool", place="Denekamp")


@pytest.fixture
def anje(db):
    return make_user("anje", "Ambassadeurs", first_name="Anje", last_name="Bechtel")


@pytest.fixture
def magda(db):
    return make_user("magda", "Ambassadeurs", first_name="Magda", last_name="Nijmeijer")


@pytest.fixture
def marketing(db):
    return make_user("marketing", "Marketing")


@pytest.fixture
def marketing2(db):
    return make_user("marketing2", "Marketing")


@pytest.fixture
def moderator(db):
    return make_user("moderator", "Moderatoren")


@pytest.fixture
def moderator2(db):
    return make_user("moderator2", "Moderatoren")


@pytest.fixture
def admin_user_(db):
    return get_user_model().objects.create_superuser("beheer", "beheer@example.nl", PASSWORD)


@pytest.fixture
def anje_story(ambassador_index, school, anje):
    page = AmbassadorPageFactory(
        parent=ambassador_index,
        title="Anje Bechtel",
        slug="anje-bechtel",
        school=school,
        ambassador_account=anje,
        body=[question_answer("<p>We volgen samen de lessen.</p>")],
    )
    return publish_story(page)


@pytest.fixture
def magda_story(ambassador_index, school, magda):
    page = AmbassadorPageFactory(
        parent=ambassador_index,
        title="Magda Nijmeijer",
        slug="magda-nijmeijer",
        school=school,
        ambassador_account=magda,
        body=[question_answer("<p>Ouders zijn partners.</p>")],
    )
    return publish_story(page)
