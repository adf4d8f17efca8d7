from django import template
from wagtail.models import Site

from contact.forms import ContactRequestForm
from contact.models import ContactPage
from contact.notifications import get_secretariat
from home.queries import public_pages

register = template.Library()


def find_contact_page(request):
    site = Site.find_for_request(request)
    pages = public_pages(ContactPage.objects.live())
    if site:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages.first()


@register.inclusion_tag("contact/includes/story_contact_form.html", takes_context=True)
def story_contact(context, ambassador):
    """The contact form on a story page; it posts to /contact/ with this ambassador fixed."""
    request = context["request"]
    contact_page = find_contact_page(request)
    return {
        "request": request,
        # No token in the page itself, so story pages stay cacheable: site.js fetches one.
        "csrf_token": None,
        "deferred_csrf": True,
        "settings": context.get("settings"),
        "ambassador": ambassador,
        "contact_page": contact_page,
        "action": contact_page.get_url(request) if contact_page else "",
        "form": ContactRequestForm(initial={"ambassador": ambassador.pk}, auto_id="story-contact-%s"),
        "secretariat": get_secretariat(request=request),
    }
