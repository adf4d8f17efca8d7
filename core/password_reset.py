"""
The admin's password-reset form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM), answering in the
same time for known and unknown addresses.

Django's form looks the address up and, for a known one, makes a token and sends the email
inside the request: an unknown address answers sooner, which tells an attacker which
addresses have accounts. Here the whole of that work waits until the response is out
(core/after_response.py), so inside the request both do the same: validate the form and
queue one call. The form itself is throttled per client address (THROTTLED_VIEWS).
"""

from wagtail.admin.forms.auth import PasswordResetForm

from . import after_response


class DeferredPasswordResetForm(PasswordResetForm):
    def save(self, *args, **kwargs):
        after_response.defer(super().save, *args, **kwargs)
