from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from contact.appointments import availability_of
from contact.forms import ContactRequestForm
from contact.notifications import get_secretariat
from home import site_context

register = template.Library()

STORY_FORM_AUTO_ID = "story-contact-%s"


@lru_cache(maxsize=16)
def unbound_form_fields(language, privacy_url):
    """
    The fields of an empty contact form, rendered once per process for each language and
    privacy page URL.

    A story page's form is never bound (it posts to /contact/, which shows any errors), so
    its fields are the same on every story page. Django renders each field through several
    templates, which made this the costliest part of an uncached story page
    (docs/performance.md). The result depends on the code, the language and the one URL in
    the key, never on other content.
    """
    form = ContactRequestForm(auto_id=STORY_FORM_AUTO_ID)
    return render_to_string("contact/includes/contact_form_fields.html", {"form": form, "privacy_url": privacy_url})


@register.inclusion_tag("contact/includes/story_contact_form.html", takes_context=True)
def story_contact(context, ambassador):
    """
    The contact form on a story page; it posts to /contact/ with this ambassador fixed, or to
    Klaver CT when the ambassador takes no new conversations (their availability; only that
    much of it is public, and contact/appointment_views.availability clears the cached page).
    """
    request = context["request"]
    site = site_context.for_request(request)
    contact_url = site.contact_url if site else ""
    return {
        "request": request,
        # No token in the page itself, so story pages stay cacheable: site.js fetches one.
        "csrf_token": None,
        "deferred_csrf": True,
        "ambassador": ambassador,
        "takes_new": availability_of(ambassador).takes_new,
        "action": contact_url,
        "fields_html": unbound_form_fields(get_language(), site.privacy_url if site else ""),
        "secretariat": get_secretariat(request=request),
    }
