"""
Which images someone may attach: those in collections where they have Wagtail's "choose"
permission, plus those already on the object they edit.

Wagtail's choosers list only choosable images, but a form post takes any image id. Admin
forms built on `ImageChoiceFormMixin` and blocks built on `ChosenImageBlock` both ask
`validate_image_choice` while the form validates, for the user who posts it. An image that
was already there (say a portrait Marketing picked for an ambassador's story) stays
acceptable, so editing the text around it is never blocked.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import models
from django.forms import ModelChoiceField
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.permissions import policy_registry

IMAGE_NOT_CHOOSABLE = _(
    "Deze afbeelding mag je niet gebruiken: kies een afbeelding uit je eigen collectie of upload een nieuwe."
)

# (user, ids of the images already on the object) while an admin form validates.
_image_chooser = ContextVar("image_chooser", default=None)


@contextmanager
def choosing_images_as(user, kept_image_ids=()):
    token = _image_chooser.set((user, {str(pk) for pk in kept_image_ids}))
    try:
        yield
    finally:
        _image_chooser.reset(token)


def validate_image_choice(image):
    """Refuse an image the validating form's user may not choose; outside a form, nothing to check."""
    chooser = _image_chooser.get()
    if image is None or chooser is None:
        return
    user, kept_image_ids = chooser
    if str(image.pk) in kept_image_ids:
        return
    policy = policy_registry.get_by_type(get_image_model())
    if user is None or not policy.user_has_permission_for_instance(user, "choose", image):
        raise ValidationError(IMAGE_NOT_CHOOSABLE, code="image_not_choosable")


def images_on(instance):
    """Ids of the images an object holds in its image foreign keys and its StreamFields."""
    image_model = get_image_model()
    ids = set()
    for field in instance._meta.get_fields():
        if isinstance(field, models.ForeignKey) and field.related_model is image_model:
            ids.add(getattr(instance, field.attname))
        elif isinstance(field, StreamField):
            for model, object_id, _model_path, _content_path in field.stream_block.extract_references(
                getattr(instance, field.name)
            ):
                if model is image_model:
                    ids.add(object_id)
    ids.discard(None)
    return ids


class ChosenImageBlock(ImageChooserBlock):
    """An image chooser block that refuses images its editor may not choose."""

    def clean(self, value):
        value = super().clean(value)
        validate_image_choice(value)
        return value

    def deconstruct(self):
        # The same block as Wagtail's in migrations: the check is about who edits, not the data.
        return ("wagtail.images.blocks.ImageChooserBlock", *super().deconstruct()[1:])


class ImageChoiceFormMixin:
    """For admin model forms (they get `for_user`): image fields and blocks accept choosable images only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_image_ids = images_on(self.instance)
        for field in self.fields.values():
            if isinstance(field, ModelChoiceField) and field.queryset.model is get_image_model():
                field.validators.append(validate_image_choice)

    def full_clean(self):
        with choosing_images_as(self.for_user, self.kept_image_ids):
            super().full_clean()


class ImageChoicePageForm(ImageChoiceFormMixin, WagtailAdminPageForm):
    """The base form of every page type with images (its `base_form_class`)."""
