from django import template
from django.utils.translation import get_language

from contact.appointments import availability_of
from contact.forms import unbound_form_fields
from contact.notifications import get_secretariat
from home import site_context

register = template.Library()

STORY_FORM_AUTO_ID = "story-contact-%s"


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
        "fields_html": unbound_form_fields(get_language(), site.privacy_url if site else "", STORY_FORM_AUTO_ID),
        "secretariat": get_secretariat(request=request),
    }
