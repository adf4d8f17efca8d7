"""
The views of the appointments.

- For the secretariat, in the admin (registered in contact/wagtail_hooks.py): propose from a
  request, move, cancel, mark as held or not. Each asks `contact.plan_appointment`, which
  only the Secretariaat has (contact/migrations/0006_secretariat_plans_appointments.py).
- For the ambassador, from the email: the signed link (core/signed_links.py). GET shows the
  proposal, a POST with CSRF decides. The link itself says who they are, so no login is needed
  (it also outlives one); someone logged in as another user is refused.
- For the visitor: the one question afterwards, "Was het gesprek nuttig?", also GET then POST.
- For the ambassador in the admin: their availability.
"""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ambassadors.models import AmbassadorPage
from core.invalidation import clear_pages_showing
from core.signed_links import LinkError

from . import appointment_emails, appointment_flow
from .appointment_forms import AppointmentForm, AvailabilityForm
from .appointments import Appointment, AppointmentStatus, availability_of
from .contact_requests import ContactRequest

PLAN_PERMISSION = "contact.plan_appointment"


def inspect_redirect(contact_request_id):
    return redirect("contact_contactrequest_modeladmin_inspect", contact_request_id)


def require_planner(user):
    if not user.has_perm(PLAN_PERMISSION):
        raise PermissionDenied


def render_form(request, form, contact_request, appointment=None):
    title = _("Afspraak verzetten") if appointment else _("Afspraak voorstellen")
    return TemplateResponse(
        request,
        "contact/admin/appointment_form.html",
        {"form": form, "contact_request": contact_request, "appointment": appointment, "page_title": title},
    )


def propose(request, request_id):
    require_planner(request.user)
    contact_request = get_object_or_404(ContactRequest, pk=request_id)
    initial = {"ambassador": contact_request.ambassador_id, "duration_minutes": 45}
    form = AppointmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            appointment_flow.propose(contact_request, request.user, **form.appointment_fields())
        except appointment_flow.FlowError as error:
            form.add_error(None, str(error))
            return render_form(request, form, contact_request)
        messages.success(request, _("Voorstel verstuurd naar de ambassadeur."))
        return inspect_redirect(contact_request.pk)
    return render_form(request, form, contact_request)


def move(request, appointment_id):
    require_planner(request.user)
    appointment = get_object_or_404(
        Appointment.objects.select_related("contact_request", "ambassador"), pk=appointment_id
    )
    initial = {
        "date": timezone.localtime(appointment.starts_at).date(),
        "start_time": timezone.localtime(appointment.starts_at).time(),
        "duration_minutes": appointment.duration_minutes,
        "way": appointment.way,
        "location": appointment.location,
        "note": appointment.note,
    }
    form = AppointmentForm(request.POST or None, initial=initial, appointment=appointment)
    if request.method == "POST" and form.is_valid():
        try:
            appointment_flow.move(appointment, request.user, **form.appointment_fields())
        except appointment_flow.FlowError as error:
            form.add_error(None, str(error))
            return render_form(request, form, appointment.contact_request, appointment)
        messages.success(request, _("Afspraak verzet; de deelnemers krijgen bericht."))
        return inspect_redirect(appointment.contact_request_id)
    return render_form(request, form, appointment.contact_request, appointment)


@require_POST
def cancel(request, appointment_id):
    return _step(request, appointment_id, appointment_flow.cancel, _("Afspraak geannuleerd."))


@require_POST
def finish(request, appointment_id):
    held = request.POST.get("held") == "ja"
    message = _("Gemarkeerd als afgerond.") if held else _("Gemarkeerd als niet doorgegaan.")
    return _step(
        request, appointment_id, lambda appointment, user: appointment_flow.finish(appointment, user, held), message
    )


def _step(request, appointment_id, step, success):
    require_planner(request.user)
    appointment = get_object_or_404(Appointment, pk=appointment_id)
    try:
        step(appointment, request.user)
    except appointment_flow.FlowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return inspect_redirect(appointment.contact_request_id)


# The ambassador's decision, from the signed link in their email.

LINK_PROBLEMS = {
    "expired": _("Deze link is verlopen. Vraag het secretariaat om een nieuw voorstel."),
    "invalid": _("Deze link is niet geldig. Kopieer de hele link uit de e-mail, of vraag het secretariaat om hulp."),
    "user": _("Deze link hoort bij een ander account, of je wachtwoord is intussen gewijzigd."),
    "other-user": _("Deze link is voor een ander account dan waarmee je bent ingelogd. Log eerst uit."),
    "outdated": _(
        "Dit voorstel is intussen gewijzigd. Je hebt een nieuwe e-mail gekregen: gebruik de link in die e-mail."
    ),
}


def public_page(request, template, context, status=200):
    context = {"meta_title": _("Afspraak"), **context}
    return TemplateResponse(request, f"contact/{template}.html", context, status=status)


def link_problem(request, reason, appointment=None):
    message = LINK_PROBLEMS.get(reason, LINK_PROBLEMS["invalid"])
    return public_page(request, "appointment_link_problem", {"message": message, "appointment": appointment}, 403)


def linked_appointment(request, token):
    """The proposal the link is for, or an error response."""
    try:
        link = appointment_emails.DECISION_LINKS.read(token)
    except LinkError as error:
        return None, link_problem(request, error.reason)
    if request.user.is_authenticated and request.user.pk != link.user.pk:
        return None, link_problem(request, "other-user")
    appointment = (
        Appointment.objects.select_related("contact_request", "ambassador")
        .filter(pk=link.bound.get("appointment"))
        .first()
    )
    if appointment is None or appointment.ambassador_account != link.user:
        return None, link_problem(request, "invalid")
    if appointment.sequence != link.bound.get("sequence"):
        return None, link_problem(request, "outdated")
    return (appointment, link.user), None


@never_cache
def decision(request, token):
    found, problem = linked_appointment(request, token)
    if problem is not None:
        return problem
    appointment, user = found
    decided = None
    if appointment.status == AppointmentStatus.PROPOSED and request.method == "POST":
        choice = request.POST.get("decision")
        try:
            if choice == "accept":
                appointment = appointment_flow.accept(appointment, user)
                decided = "accepted"
            elif choice == "decline":
                appointment = appointment_flow.decline(appointment, user, request.POST.get("reason", "")[:500])
                decided = "declined"
        except appointment_flow.FlowError:
            appointment.refresh_from_db()
    context = {"appointment": appointment, "decided": decided, "request_details": appointment.contact_request}
    return public_page(request, "appointment_decision", context)


# The visitor's one question afterwards.


@never_cache
def feedback(request, token):
    try:
        value = signing.loads(token, salt=appointment_emails.FEEDBACK_SALT, max_age=appointment_emails.FEEDBACK_MAX_AGE)
        appointment = Appointment.objects.get(pk=value["a"], uid=value["u"], status=AppointmentStatus.DONE)
    except (signing.BadSignature, Appointment.DoesNotExist, KeyError, TypeError, ValueError):
        return link_problem(request, "invalid")
    answered = False
    if request.method == "POST" and not appointment.feedback:
        answer = request.POST.get("answer", "")
        if answer in dict(Appointment._meta.get_field("feedback").choices):
            # Once: the first answer stays.
            answered = Appointment.objects.filter(pk=appointment.pk, feedback="").update(feedback=answer) == 1
            appointment.refresh_from_db()
    context = {"appointment": appointment, "answered": answered or bool(appointment.feedback)}
    return public_page(request, "appointment_feedback", context)


# The ambassador's availability, in the admin.


def availability(request):
    story = AmbassadorPage.objects.filter(ambassador_account=request.user).order_by("pk").first()
    if story is None:
        raise PermissionDenied
    current = availability_of(story)
    was_taking = current.takes_new if current.pk else True
    form = AvailabilityForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
        if saved.takes_new != was_taking:
            # Only this shows on the public story: clear the cached pages that show it.
            clear_pages_showing(story)
        messages.success(request, _("Je beschikbaarheid is opgeslagen."))
        return redirect("wagtailadmin_home")
    return TemplateResponse(
        request,
        "contact/admin/availability_form.html",
        {"form": form, "story": story, "page_title": _("Mijn beschikbaarheid voor gesprekken")},
    )
