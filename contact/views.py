"""The contact form's GET and POST, served by ContactPage (see models.ContactPage)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from home import site_context

from . import ratelimit
from .contact_requests import ContactRequest
from .forms import HONEYPOT_FIELD, ContactRequestForm, contactable_ambassadors, unbound_form_fields
from .notifications import get_secretariat, send_contact_notifications

AMBASSADOR_PARAMETER = "ambassadeur"
# The confirmation page names the visitor's request: a signed cookie, sent to that page only,
# says which. Not the session: a visitor who submits stays without one, so the pages they read
# next still come from the page cache, and a submission writes no session row.
CONFIRMED_COOKIE = "contact_confirmed"
CONFIRMED_COOKIE_SALT = "contact.views.confirmed"
CONFIRMED_SECONDS = 60 * 60


def preselected_ambassador(request):
    """The ambassador named by ?ambassadeur=<page id>, if that is a live story; otherwise None."""
    value = request.GET.get(AMBASSADOR_PARAMETER, "")
    if not value.isdigit():
        return None
    return contactable_ambassadors().filter(pk=int(value)).first()


def contact_form(request, page):
    if request.method == "POST":
        return submit(request, page)
    ambassador = preselected_ambassador(request)
    form = ContactRequestForm(initial={"ambassador": ambassador.pk if ambassador else None})
    # Empty but for the ambassador's choice: the other fields as every empty form has them.
    site = site_context.for_request(request)
    fields_html = unbound_form_fields(get_language(), site.privacy_url if site else "", form.auto_id)
    return render_form(request, page, form, ambassador=ambassador, fields_html=fields_html)


def submit(request, page):
    form = ContactRequestForm(request.POST)
    if ratelimit.is_limited(request):
        # Keep what the visitor typed in the form, so nothing is lost; tell them how else to reach us.
        form.full_clean()
        return render_form(request, page, form, rate_limited=True, status=429)
    if request.POST.get(HONEYPOT_FIELD, "").strip():
        # Bots get the normal confirmation, so they learn nothing; nothing is stored or sent.
        ratelimit.take_submission(request)
        return redirect(thanks_url(request, page))
    if not form.is_valid():
        return render_form(request, page, form)
    if not ratelimit.take_submission(request):
        # Counted and checked in one step, so concurrent submissions cannot all slip through.
        return render_form(request, page, form, rate_limited=True, status=429)

    # The request and the task that writes its two emails are stored in one transaction; the
    # worker renders the emails into the outbox and sends them (contact/notifications.py). So
    # the visitor waits neither for the mail server nor for the rendering, and nothing is lost.
    with transaction.atomic():
        contact_request = form.save(commit=False)
        contact_request.visitor_confirmation_withheld = not ratelimit.take_confirmation(contact_request.email)
        contact_request.save()
        send_contact_notifications.enqueue(contact_request.pk)
    response = redirect(thanks_url(request, page))
    response.set_signed_cookie(
        CONFIRMED_COOKIE,
        str(contact_request.pk),
        salt=CONFIRMED_COOKIE_SALT,
        max_age=CONFIRMED_SECONDS,
        path=urlsplit(response["Location"]).path,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def thanks_url(request, page):
    return page.get_url(request) + page.reverse_subpage("thanks")


def render_form(request, page, form, *, ambassador=None, rate_limited=False, status=200, fields_html=None):
    if ambassador is None and form.is_bound:
        ambassador = form.cleaned_data.get("ambassador") if hasattr(form, "cleaned_data") else None
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "ambassador": ambassador,
            "rate_limited": rate_limited,
            "secretariat": get_secretariat(request=request),
            "fields_html": fields_html,
        }
    )
    if rate_limited:
        context["rate_limit_message"] = _(
            "Je hebt het formulier kort achter elkaar vaak verstuurd. Probeer het over een uur opnieuw, "
            "of neem direct contact op met ons secretariaat."
        )
    return TemplateResponse(request, page.get_template(request), context, status=status)


@never_cache
def contact_thanks(request, page):
    # Personal when the visitor just submitted (their reference number): never in a shared cache.
    contact_request = None
    request_id = request.get_signed_cookie(
        CONFIRMED_COOKIE, default="", salt=CONFIRMED_COOKIE_SALT, max_age=CONFIRMED_SECONDS
    )
    if request_id.isdigit():
        contact_request = ContactRequest.objects.filter(pk=int(request_id)).first()
    context = page.get_context(request)
    context.update({"contact_request": contact_request, "secretariat": get_secretariat(request=request)})
    return TemplateResponse(request, "contact/contact_page_thanks.html", context)


@never_cache
def csrf_token(request):
    """
    A CSRF token for the contact form on a story page, fetched by site.js.

    Story pages are served from the shared page cache, so they cannot carry a visitor's own
    token (it would set a cookie and make the page personal). The form asks for one here
    instead; this response sets the CSRF cookie and is never cached.
    """
    return JsonResponse({"token": get_token(request)})
