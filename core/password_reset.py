"""
The admin's password-reset form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM), answering in the
same time for known and unknown addresses.

Django's form looks the address up and, for a known one, makes a token and sends the email
inside the request: an unknown address answers sooner, which tells an attacker which
addresses have accounts. Here the whole of that work is a task for the worker, so inside
the request both do the same: validate the form and enqueue one task. The worker looks
the address up and puts the email in the outbox (core/outbox.py). The form itself is
throttled per client address (THROTTLED_VIEWS).
"""

from django_tasks import task
from wagtail.admin.forms.auth import PasswordResetForm

# The options of Django's PasswordResetForm.save() that can travel in a task (JSON).
TASK_OPTIONS = ("from_email", "email_template_name", "subject_template_name", "html_email_template_name")


@task()
def send_password_reset(email, domain, use_https, options):
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https, **options)


class DeferredPasswordResetForm(PasswordResetForm):
    def save(self, *, request=None, use_https=False, domain_override=None, **kwargs):
        options = {name: kwargs[name] for name in TASK_OPTIONS if kwargs.get(name) is not None}
        domain = domain_override or (request.get_host() if request is not None else None)
        send_password_reset.enqueue(self.cleaned_data["email"], domain, use_https, options)
