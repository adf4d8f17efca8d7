from django import forms
from django.utils.translation import gettext_lazy as _

from core.image_choice import ImageChoicePageForm

from .accounts import account_link_problem


class InviteAmbassadorForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.")},
    )
    replace = forms.BooleanField(
        label=_("Vervang de huidige ambassadeur"),
        required=False,
        help_text=_("Alleen als het verhaal al aan een ander account hoort; dat account verliest de toegang."),
    )


class AmbassadorPageForm(ImageChoicePageForm):
    """
    The story editor. Staff with the invite permission may link an account in the settings
    tab; the same rule as the invitation decides which accounts may be linked, and the
    hook `link_account_from_editor` (ambassadors/wagtail_hooks.py) links it at once.
    """

    def clean_ambassador_account(self):
        account = self.cleaned_data.get("ambassador_account")
        # Compared with the story as stored, not the form's initial value: reverting to an
        # old revision must not bring back an old account unchecked.
        previous_id = (
            type(self.instance)
            .objects.filter(pk=self.instance.pk)
            .values_list("ambassador_account_id", flat=True)
            .first()
        )
        if (account.pk if account else None) == previous_id:
            return account
        problem = account_link_problem(self.instance, account)
        if problem:
            raise forms.ValidationError(problem)
        if self.data.get("action-workflow-action"):
            # The link is made after the action, too late for the consent step of this review.
            raise forms.ValidationError(
                _("Koppel een ander account niet tegelijk met een beoordeling: bewaar eerst het concept.")
            )
        # Read by the hook once the page is saved: the account changed, from this one.
        self.instance.account_link_requested = {"previous_id": previous_id}
        return account
