"""Test data factories for contact requests."""

import factory
import wagtail_factories

from .models import ContactPage, ContactRequest, ContactStatus, PreferredContact


class ContactRequestFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Bezoeker {n}")
    email = factory.Sequence(lambda n: f"bezoeker{n}@school.example")
    phone = "074 123 45 67"
    organisation = "Basisschool De Esch"
    role = "Directeur"
    question = "Hoe hebben jullie de ouders bij de start betrokken?"
    preferred_contact = PreferredContact.EMAIL
    preferred_time = "Dinsdagmiddag"
    consent = True
    status = ContactStatus.NEW

    class Meta:
        model = ContactRequest


def contact_form_data(**overrides):
    """Valid POST data for the contact form."""
    data = {
        "name": "Jeroen de Vries",
        "email": "jeroen@obs-de-esch.example",
        "phone": "074 123 45 67",
        "organisation": "OBS De Esch",
        "role": "Directeur",
        "question": "Ik wil graag horen hoe jullie de eerste ouderavond hebben aangepakt.",
        "preferred_contact": PreferredContact.EMAIL,
        "preferred_time": "Na 15.00 uur",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact"
    slug = "contact"
    introduction = "<p>Wil je persoonlijk contact met een ambassadeur? Ons secretariaat plant de afspraak.</p>"
    thank_you_text = "<p>Dank je wel! We nemen binnen drie werkdagen contact met je op.</p>"

    class Meta:
        model = ContactPage
