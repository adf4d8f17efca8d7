"""
An ambassador attaches only images from the collections they may use (their story's own),
through every admin path: the choosers, the admin API, the image views, and a posted id.
"""

import pytest
import wagtail_factories
from django.db.models import ForeignKey
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Collection, get_page_models

from ambassadors.access import story_collection, story_group_for_user
from ambassadors.factories import image as image_block
from ambassadors.models import AmbassadorPage, SchoolPage
from core.image_choice import IMAGE_NOT_CHOOSABLE, ImageChoiceFormMixin
from home.factories import ImageFactory
from home.models import ContentPage
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url

pytestmark = pytest.mark.django_db


def own_collection(user):
    group = story_group_for_user(user).get()
    page = AmbassadorPage.objects.get(ambassador_account=user)
    return story_collection(page, group)


@pytest.fixture
def magda_image(magda_story, magda):
    return ImageFactory(title="MAGDA-PRIVE-FOTO-4711", collection=own_collection(magda))


@pytest.fixture
def marketing_image(db):
    return ImageFactory(title="MARKETING-FOTO-0815", collection=Collection.get_first_root_node())


@pytest.fixture
def anje_image(anje_story, anje):
    return ImageFactory(title="anje-eigen-foto", collection=own_collection(anje))


def image_urls(image):
    return [
        reverse("wagtailimages_chooser:chosen", args=[image.pk]),
        reverse("wagtailimages_chooser:chosen_multiple") + f"?id={image.pk}",
        reverse("wagtailimages_chooser:select_format", args=[image.pk]),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages:image_usage", args=[image.pk]),
        reverse("wagtailimages:url_generator", args=[image.pk]),
        reverse("wagtailimages:preview", args=[image.pk, "fill-10x10"]),
        reverse("wagtailimages:delete", args=[image.pk]),
        f"/admin/api/main/images/{image.pk}/",
    ]


@pytest.fixture
def marketing_document(db):
    return wagtail_factories.DocumentFactory(
        title="MARKETING-DOCUMENT-0815", collection=Collection.get_first_root_node()
    )


def document_urls(document):
    return [
        reverse("wagtaildocs_chooser:chosen", args=[document.pk]),
        reverse("wagtaildocs:edit", args=[document.pk]),
        reverse("wagtaildocs:document_usage", args=[document.pk]),
        f"/admin/api/main/documents/{document.pk}/",
    ]


LISTINGS = [
    "/admin/documents/chooser/",
    "/admin/api/main/documents/",
    "/admin/images/chooser/",
    "/admin/images/chooser/results/?q=FOTO",
    "/admin/images/",
    "/admin/api/main/images/",
    "/admin/api/main/images/?search=FOTO",
]


def test_no_admin_url_shows_an_ambassador_an_image_outside_their_collection(
    client, anje, anje_story, anje_image, magda_image, marketing_image, marketing_document
):
    client.force_login(anje)

    for image, urls in [
        (magda_image, image_urls(magda_image)),
        (marketing_image, image_urls(marketing_image)),
        (marketing_document, document_urls(marketing_document)),
    ]:
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 302, 403, 404), url
            assert image.title not in response.content.decode(errors="replace"), url
    for url in LISTINGS:
        body = client.get(url).content.decode(errors="replace")
        assert magda_image.title not in body, url
        assert marketing_image.title not in body, url
        assert marketing_document.title not in body, url
    assert anje_image.title in client.get("/admin/images/chooser/").text


def post_story(client, story, **overrides):
    return client.post(edit_url(story), editor_form_data(fresh(story), **overrides))


def fresh(story):
    return AmbassadorPage.objects.get(pk=story.pk)


def body_with_image(story, image):
    draft = fresh(story).get_latest_revision_as_object()
    return editor_form_data(fresh(story), body=[*draft.body.raw_data, image_block(image.pk, "Het schoolplein")])


@pytest.mark.parametrize("foreign", ["magda_image", "marketing_image"])
def test_a_posted_image_id_outside_the_collection_is_refused_in_dutch(client, anje, anje_story, foreign, request):
    image = request.getfixturevalue(foreign)
    client.force_login(anje)

    portrait = post_story(client, anje_story, portrait=image.pk, quote="Nieuwe quote met vreemde foto")
    body = client.post(edit_url(anje_story), body_with_image(anje_story, image))

    for response in (portrait, body):
        assert response.status_code == 200  # the form again, not saved
        assert str(IMAGE_NOT_CHOOSABLE) in response.text
    draft = AmbassadorPage.objects.get(pk=anje_story.pk).get_latest_revision_as_object()
    assert draft.portrait_id is None
    assert draft.quote != "Nieuwe quote met vreemde foto"
    assert all(block.block_type != "image" for block in draft.body)


def test_own_images_and_images_already_on_the_story_stay_acceptable(
    client, anje, anje_story, anje_image, marketing_image
):
    # Marketing picked the portrait and put an image in the body.
    story = AmbassadorPage.objects.get(pk=anje_story.pk)
    story.portrait = marketing_image
    story.body.append(("image", {"image": marketing_image, "alt_text": "Logo", "caption": ""}))
    story.save_revision()
    client.force_login(anje)

    unchanged = post_story(client, anje_story, quote="Alleen de tekst aangepast")
    draft = AmbassadorPage.objects.get(pk=anje_story.pk).get_latest_revision_as_object()
    assert unchanged.status_code == 302
    assert (draft.quote, draft.portrait_id) == ("Alleen de tekst aangepast", marketing_image.pk)
    assert [block.value["image"].pk for block in draft.body if block.block_type == "image"] == [marketing_image.pk]

    own = client.post(edit_url(anje_story), body_with_image(anje_story, anje_image) | {"portrait": anje_image.pk})
    draft = AmbassadorPage.objects.get(pk=anje_story.pk).get_latest_revision_as_object()
    assert own.status_code == 302
    assert draft.portrait_id == anje_image.pk
    assert anje_image.pk in [block.value["image"].pk for block in draft.body if block.block_type == "image"]


def test_marketing_may_attach_any_image(client, marketing, anje_story, magda_image):
    client.force_login(marketing)

    response = post_story(client, anje_story, portrait=magda_image.pk)

    assert response.status_code == 302
    assert AmbassadorPage.objects.get(pk=anje_story.pk).get_latest_revision_as_object().portrait_id == magda_image.pk


def has_image_block(block):
    children = list(getattr(block, "child_blocks", {}).values())
    if hasattr(block, "child_block"):  # ListBlock
        children.append(block.child_block)
    return isinstance(block, ImageChooserBlock) or any(has_image_block(child) for child in children)


def has_image_fields(model):
    image_model = get_image_model()
    for field in model._meta.get_fields():
        if isinstance(field, ForeignKey) and field.related_model is image_model:
            return True
        if isinstance(field, StreamField) and has_image_block(field.stream_block):
            return True
    return False


def test_every_page_type_with_images_checks_the_choice():
    image_pages = [model for model in get_page_models() if has_image_fields(model)]

    assert {AmbassadorPage, SchoolPage, ContentPage} <= set(image_pages)
    for model in image_pages:
        assert issubclass(model.get_edit_handler().get_form_class(), ImageChoiceFormMixin), model
