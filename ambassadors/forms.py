from django import forms
from django.utils.translation import gettext_lazy as _


class InviteAmbassadorForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.")},
    )
