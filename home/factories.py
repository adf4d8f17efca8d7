"""Test data factories for the home app (wagtail-factories / factory_boy)."""

import factory
import wagtail_factories
from wagtail.models import Collection

from .models import ContentPage, HomePage


class ImageFactory(wagtail_factories.ImageFactory):
    # In the existing root collection, rather than a new root per image.
    collection = factory.LazyFunction(Collection.get_first_root_node)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Glans-techniek"
    hero_title = "Ouderbetrokkenheid die werkt"
    hero_text = "Scholen vertellen hoe zij ouders betrekken met de Glans-techniek."

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inhoudspagina {n}")
    introduction = "Een korte inleiding."

    class Meta:
        model = ContentPage
