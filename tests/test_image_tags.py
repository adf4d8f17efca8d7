"""
`image_tags`: Wagtail's image tags with their filters built once per template node.

The HTML must be exactly what `wagtailimages_tags` renders, for every tag and form.
"""

from unittest import mock

import pytest
from django.template import Context, Template, TemplateSyntaxError
from wagtail.images.models import Filter

from home.factories import ImageFactory

pytestmark = pytest.mark.django_db

TAGS = [
    '{% image photo fill-160x160 class="logo" alt="" %}',
    '{% image photo width-400 as thumbnail %}<img src="{{ thumbnail.url }}" width="{{ thumbnail.width }}">',
    '{% srcset_image photo fill-{400x400,800x800} sizes="45vw" class="card__image" alt="" loading="lazy" %}',
    '{% picture photo format-{avif,webp} fill-{160x160,320x320} sizes="10rem" alt=title %}',
    "{% picture photo width-{400,800} as pictures %}{{ pictures.formats|length }} {{ pictures.renditions|length }}",
]


@pytest.fixture
def photo():
    return ImageFactory(file__width=1200, file__height=900)


def render(library, source, **context):
    return Template("{% load " + library + " %}" + source).render(Context(context))


@pytest.mark.parametrize("source", TAGS)
def test_same_html_as_wagtails_tags(photo, source):
    ours = render("image_tags", source, photo=photo, title="Portret")
    assert ours == render("wagtailimages_tags", source, photo=photo, title="Portret")
    assert "<img" in ours or ours.strip()[0].isdigit()


def test_no_image_renders_nothing():
    assert render("image_tags", '{% image photo fill-160x160 alt="" %}', photo=None) == ""


def test_filters_are_built_once_per_tag(photo):
    template = Template('{% load image_tags %}{% srcset_image photo fill-{400x400,800x800} alt="" %}')
    template.render(Context({"photo": photo}))

    with mock.patch.object(Filter, "__init__", autospec=True, side_effect=Filter.__init__) as init:
        second = template.render(Context({"photo": photo}))
    assert init.call_count == 0
    assert "400w" in second and "800w" in second


def test_a_bad_filter_spec_is_still_a_template_syntax_error():
    with pytest.raises(TemplateSyntaxError, match="filter specs in image tags"):
        Template("{% load image_tags %}{% image photo fill-160x160! %}")
