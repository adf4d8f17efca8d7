"""
The admin's login form (WAGTAILADMIN_USER_LOGIN_FORM): Wagtail's, with a Dutch label for the
password. Wagtail's field has no label, so Django shows its name, "Password", in English.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class SiteLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Wachtwoord")
